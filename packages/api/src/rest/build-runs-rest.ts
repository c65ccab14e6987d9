import type { Actor } from '../actor.ts';
import { KilnError } from '../errors.ts';
import type { Queryable } from '../repositories/queryable.ts';
import { CancelBuildRunInputSchema, ResumeBuildInputSchema } from '../routers/build-runs/control.types.ts';
import { StartBuildRunInputSchema } from '../routers/build-runs/start.types.ts';
import type { Sealer } from '../secrets/sealer.ts';
import { cancelBuildRun } from '../services/build-runs/cancel-build-run.ts';
import { getBuildRun } from '../services/build-runs/get-build-run.ts';
import { listBuildRunResources } from '../services/build-runs/list-build-resources.ts';
import { listBuildLogLines } from '../services/build-runs/list-build-log-lines.ts';
import { listBuildRuns } from '../services/build-runs/list-build-runs.ts';
import { resumeBuild } from '../services/build-runs/resume-build.ts';
import { startBuildRun } from '../services/build-runs/start-build-run.ts';
import type { BuildRunControl, BuildWorkflowStarter } from '../temporal/workflow-contract.ts';
import { jsonResponse } from './errors.ts';

/** What the build-run routes need beyond the database: Temporal, and the sealer for `-var` values. */
export interface BuildRunRestDeps {
  buildStarter: BuildWorkflowStarter;
  buildControl: BuildRunControl;
  sealer: Sealer;
}

/** The largest JSON body a build-run request may send (var files included). */
export const MAX_BUILD_RUN_BODY_BYTES = 1024 * 1024;

const BASE =
  /^\/api\/v1\/orgs\/([^/]+)\/projects\/([^/]+)\/build-runs(?:\/([^/]+)(?:\/(cancel|logs|resources|builds\/([^/]+)\/resume))?)?\/?$/;

type Route =
  | { kind: 'collection'; org: string; project: string }
  | { kind: 'run'; org: string; project: string; id: string }
  | { kind: 'cancel' | 'logs' | 'resources'; org: string; project: string; id: string }
  | { kind: 'resume'; org: string; project: string; id: string; build: string };

/** Matches `/api/v1/orgs/{org}/projects/{project}/build-runs[...]`; undefined for other paths. */
export function matchBuildRunRoute(
  pathname: string,
  decode: (s: string | undefined) => string,
): Route | undefined {
  const match = BASE.exec(pathname);
  if (!match) return undefined;
  const org = decode(match[1]);
  const project = decode(match[2]);
  if (match[3] === undefined) return { kind: 'collection', org, project };
  const id = decode(match[3]);
  const action = match[4];
  if (action === undefined) return { kind: 'run', org, project, id };
  if (action.startsWith('builds/')) return { kind: 'resume', org, project, id, build: decode(match[5]) };
  return { kind: action as 'cancel' | 'logs' | 'resources', org, project, id };
}

const ALLOWED: Record<Route['kind'], string[]> = {
  collection: ['GET', 'POST'],
  run: ['GET'],
  cancel: ['POST'],
  logs: ['GET'],
  resources: ['GET'],
  resume: ['POST'],
};

/**
 * Run control for CI and people with API credentials: start (with `-var`, var files, `-only`,
 * `-except`, `-on-error`, parallel builds, fail-fast, a deadline), list, status, logs, resources
 * (the ledger, orphans with how to remove them), cancel, resume a breakpoint. See `openapi.json`.
 */
export async function handleBuildRunRoute(
  request: Request,
  route: Route,
  actor: Actor,
  db: Queryable,
  deps: BuildRunRestDeps,
): Promise<Response> {
  const allowed = ALLOWED[route.kind];
  if (!allowed.includes(request.method) && !(request.method === 'HEAD' && allowed.includes('GET'))) {
    return jsonResponse(
      405,
      { error: { code: 'METHOD_NOT_ALLOWED', message: `${request.method} is not allowed here` } },
      { allow: allowed.join(', ') },
    );
  }
  const url = new URL(request.url);
  const scope = { org: route.org, project: route.project };
  switch (route.kind) {
    case 'collection': {
      if (request.method === 'POST') {
        const body = await readJsonBody(request);
        const input = parse(StartBuildRunInputSchema, { ...asObject(body), ...scope });
        const started = await startBuildRun(db, actor, input, deps);
        const run = await getBuildRun(db, actor, { ...scope, id: started.id });
        return jsonResponse(201, run, {
          location: `/api/v1/orgs/${encodeURIComponent(route.org)}/projects/${encodeURIComponent(route.project)}/build-runs/${started.id}`,
        });
      }
      const template = url.searchParams.get('template') ?? undefined;
      const limit = numberParam(url, 'limit');
      return jsonResponse(200, { buildRuns: await listBuildRuns(db, actor, { ...scope, template, limit }) });
    }
    case 'run':
      return jsonResponse(200, await getBuildRun(db, actor, { ...scope, id: route.id }));
    case 'logs':
      return jsonResponse(
        200,
        await listBuildLogLines(db, actor, {
          ...scope,
          buildRunId: route.id,
          afterSeq: numberParam(url, 'after'),
          limit: numberParam(url, 'limit'),
        }),
      );
    case 'resources':
      return jsonResponse(200, {
        resources: await listBuildRunResources(db, actor, { ...scope, id: route.id }),
      });
    case 'cancel': {
      const input = parse(CancelBuildRunInputSchema, { ...scope, id: route.id });
      return jsonResponse(202, await cancelBuildRun(db, actor, input, { control: deps.buildControl }));
    }
    case 'resume': {
      const input = parse(ResumeBuildInputSchema, { ...scope, id: route.id, build: route.build });
      return jsonResponse(202, await resumeBuild(db, actor, input, { control: deps.buildControl }));
    }
  }
}

async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BUILD_RUN_BODY_BYTES) {
    throw new KilnError('INVALID', `the request body is over ${MAX_BUILD_RUN_BODY_BYTES} bytes`);
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BUILD_RUN_BODY_BYTES) {
    throw new KilnError('INVALID', `the request body is over ${MAX_BUILD_RUN_BODY_BYTES} bytes`);
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new KilnError('INVALID', `the request body is not JSON: ${(error as Error).message}`);
  }
}

function asObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new KilnError('INVALID', 'the request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

function parse<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`);
  throw new KilnError('INVALID', `invalid request: ${problems.join('; ')}`, { details: { problems } });
}

function numberParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new KilnError('INVALID', `${name} must be a whole number; got "${raw}"`);
  return value;
}
