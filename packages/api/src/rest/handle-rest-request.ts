import { KilnError } from '../errors.ts';
import type { Queryable } from '../repositories/queryable.ts';
import { getChannelWithVersion } from '../services/registry/get-channel-with-version.ts';
import { authenticateRequest } from './basic-auth.ts';
import { type BuildRunRestDeps, handleBuildRunRoute, matchBuildRunRoute } from './build-runs-rest.ts';
import { toChannelJson } from './channel-json.ts';
import { errorResponse, jsonResponse, type RestLogger } from './errors.ts';
import { OPENAPI_DOCUMENT } from './openapi.ts';
import { toTerraformState } from './terraform-state.ts';

export interface RestDeps extends Partial<BuildRunRestDeps> {
  db: Queryable;
  logger?: RestLogger;
}

const CHANNEL_PATH =
  /^\/api\/v1\/orgs\/([^/]+)\/projects\/([^/]+)\/buckets\/([^/]+)\/channels\/([^/]+?)(\/terraform-state)?\/?$/;

/** Serves `/api/v1`: service principals authenticate with HTTP Basic. */
export async function handleRestRequest(request: Request, deps: RestDeps): Promise<Response> {
  try {
    const url = new URL(request.url);
    if (url.pathname === '/api/v1/openapi.json' && (request.method === 'GET' || request.method === 'HEAD')) {
      return jsonResponse(200, OPENAPI_DOCUMENT);
    }
    const match = CHANNEL_PATH.exec(url.pathname);
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
    if (!match) throw KilnError.notFound(`${url.pathname}`);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return jsonResponse(
        405,
        {
          error: {
            code: 'METHOD_NOT_ALLOWED',
            message: `${request.method} is not allowed on ${url.pathname}`,
          },
        },
        { allow: 'GET, HEAD' },
      );
    }
    const [org, project, bucket, channel] = match.slice(1, 5).map(decodeSegment);
    const view = await getChannelWithVersion(deps.db, actor, {
      org: org!,
      project: project!,
      bucket: bucket!,
      channel: channel!,
    });
    return jsonResponse(200, match[5] ? toTerraformState(view) : toChannelJson(view));
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
