import type { Actor } from '../actor.ts';
import { KilnError } from '../errors.ts';
import type { Queryable } from '../repositories/queryable.ts';
import { verifyAuditChain } from '../services/audit/verify-audit-chain.ts';
import { getChannelWithVersion } from '../services/registry/get-channel-with-version.ts';
import { auditExportResponse } from './audit-export.ts';
import { authenticateRequest } from './basic-auth.ts';
import { type BuildRunRestDeps, handleBuildRunRoute, matchBuildRunRoute } from './build-runs-rest.ts';
import { toChannelJson } from './channel-json.ts';
import { errorResponse, jsonResponse, type RestLogger } from './errors.ts';
import { OPENAPI_DOCUMENT } from './openapi.ts';
import { previewRevocationJson, restoreVersionJson, revokeVersionJson } from './revocation-json.ts';
import { toTerraformState } from './terraform-state.ts';

export interface RestDeps extends Partial<BuildRunRestDeps> {
  db: Queryable;
  logger?: RestLogger;
}

interface RouteContext {
  deps: RestDeps;
  actor: Actor;
  request: Request;
  url: URL;
  /** The decoded path segments the route's pattern captured. */
  params: string[];
}

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** The JSON body of a 200 answer, or a whole Response for other content. */
  handle(ctx: RouteContext): Promise<unknown>;
}

const ORG = '^/api/v1/orgs/([^/]+)';
const BUCKET = `${ORG}/projects/([^/]+)/buckets/([^/]+)`;
const route = (method: Route['method'], path: string, handle: Route['handle']): Route => ({
  method,
  pattern: new RegExp(`${BUCKET}${path}/?$`),
  handle,
});
const orgRoute = (method: Route['method'], path: string, handle: Route['handle']): Route => ({
  method,
  pattern: new RegExp(`${ORG}${path}/?$`),
  handle,
});
const scope = ([org, project, bucket]: string[]) => ({ org: org!, project: project!, bucket: bucket! });

const ROUTES: Route[] = [
  route('GET', '/channels/([^/]+)', async ({ deps, actor, params }) =>
    toChannelJson(await getChannelWithVersion(deps.db, actor, { ...scope(params), channel: params[3]! })),
  ),
  route('GET', '/channels/([^/]+)/terraform-state', async ({ deps, actor, params }) =>
    toTerraformState(await getChannelWithVersion(deps.db, actor, { ...scope(params), channel: params[3]! })),
  ),
  route('GET', '/versions/([^/]+)/revocation-preview', ({ deps, actor, params, url }) =>
    previewRevocationJson(deps.db, actor, { ...scope(params), versionId: params[3]! }, url.searchParams),
  ),
  route('POST', '/versions/([^/]+)/revoke', async ({ deps, actor, params, request }) =>
    revokeVersionJson(deps.db, actor, { ...scope(params), versionId: params[3]! }, await jsonBody(request)),
  ),
  route('POST', '/versions/([^/]+)/restore', ({ deps, actor, params }) =>
    restoreVersionJson(deps.db, actor, { ...scope(params), versionId: params[3]! }),
  ),
  orgRoute('GET', '/audit/verify', ({ deps, actor, params }) =>
    verifyAuditChain(deps.db, actor, { org: params[0]! }),
  ),
  orgRoute('GET', '/audit/export', ({ deps, actor, params, url }) =>
    auditExportResponse(deps.db, actor, params[0]!, url.searchParams),
  ),
];

/** Serves `/api/v1`: service principals authenticate with HTTP Basic. */
export async function handleRestRequest(request: Request, deps: RestDeps): Promise<Response> {
  try {
    const url = new URL(request.url);
    if (url.pathname === '/api/v1/openapi.json' && (request.method === 'GET' || request.method === 'HEAD')) {
      return jsonResponse(200, OPENAPI_DOCUMENT);
    }
    // Authenticate before routing, so that unauthenticated callers learn nothing about paths.
    const actor = await authenticateRequest(deps.db, request);
    const buildRun = matchBuildRunRoute(url.pathname, decodeSegment);
    if (buildRun) {
      const { buildStarter, buildControl, sealer } = deps;
      if (!buildStarter || !buildControl || !sealer)
        throw new KilnError('INTERNAL', 'build-run routes are served without Temporal or a sealer');
      return await handleBuildRunRoute(request, buildRun, actor, deps.db, {
        buildStarter,
        buildControl,
        sealer,
      });
    }
    const matches = ROUTES.map((r) => ({ r, match: r.pattern.exec(url.pathname) })).filter((m) => m.match);
    if (matches.length === 0) throw KilnError.notFound(`${url.pathname}`);
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const found = matches.find((m) => m.r.method === method);
    if (!found) {
      const allow = [...new Set(matches.map((m) => m.r.method))].join(', ');
      return jsonResponse(
        405,
        {
          error: {
            code: 'METHOD_NOT_ALLOWED',
            message: `${request.method} is not allowed on ${url.pathname}`,
          },
        },
        { allow: allow === 'GET' ? 'GET, HEAD' : allow },
      );
    }
    const params = found.match!.slice(1).map(decodeSegment);
    const body = await found.r.handle({ deps, actor, request, url, params });
    return body instanceof Response ? body : jsonResponse(200, body);
  } catch (error) {
    return errorResponse(error, deps.logger);
  }
}

function decodeSegment(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? '');
  } catch {
    throw new KilnError('INVALID', `path segment "${segment}" is not valid percent-encoding`);
  }
}

async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new KilnError('INVALID', `the request body is not JSON: ${(error as Error).message}`);
  }
}
