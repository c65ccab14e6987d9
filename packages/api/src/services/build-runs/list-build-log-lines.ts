import type { Actor } from '../../actor.ts';
import { KilnError } from '../../errors.ts';
import { findBuildRunInScope, listLogLines } from '../../repositories/build-runs-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';

export const MAX_LOG_PAGE = 1000;

export async function listBuildLogLines(
  db: Queryable,
  actor: Actor,
  input: {
    org: string;
    project: string;
    buildRunId: string;
    afterSeq?: number | undefined;
    limit?: number | undefined;
  },
) {
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'build-run.read');
  const run = await findBuildRunInScope(db, access.scope, input.buildRunId);
  if (!run) throw KilnError.notFound(`build run ${input.buildRunId} in project "${input.project}"`);
  const limit = Math.min(Math.max(input.limit ?? 500, 1), MAX_LOG_PAGE);
  const lines = await listLogLines(db, run.id, { afterSeq: input.afterSeq ?? 0, limit });
  return {
    status: run.status,
    lines: lines.map((l) => ({
      seq: l.seq,
      buildName: l.buildName,
      stream: l.stream,
      text: l.text,
      createdAt: l.createdAt,
    })),
    lastSeq: lines.at(-1)?.seq ?? input.afterSeq ?? 0,
  };
}
