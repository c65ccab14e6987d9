import type { Actor } from '../../actor.ts';
import { KilnError } from '../../errors.ts';
import { type BuildResourceRow, listBuildResources } from '../../repositories/build-resources-repository.ts';
import { findBuildRunInScope } from '../../repositories/build-runs-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';

/** How to remove an orphan by hand, per provider: shown with it on the build page and in the API. */
export function removalHint(row: BuildResourceRow): string | null {
  if (row.status !== 'orphaned' && row.status !== 'intended' && row.status !== 'created') return null;
  const id = row.externalId ?? '(not created, or its id was not recorded: look it up by its tags)';
  const tags = Object.entries(row.tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  switch (row.provider) {
    case 'aws':
      return `Delete ${row.kind} ${id}${row.region ? ` in ${row.region}` : ''} (tags: ${tags}), e.g. with the AWS console or CLI.`;
    case 'azure':
      return `Delete ${row.kind} ${id} (tags: ${tags}) with the Azure portal or \`az resource delete --ids ${id}\`.`;
    case 'ssh':
      return `Remove ${id} on ${String(row.data.address ?? 'the build host')}, e.g. \`ssh ${String(row.data.address ?? 'user@host')} rm -rf ${id}\`.`;
    default:
      return `Remove ${row.kind} ${id} (tags: ${tags}).`;
  }
}

export function presentBuildResource(row: BuildResourceRow) {
  return {
    build: row.buildName,
    stepIndex: row.stepIndex,
    key: row.resourceKey,
    kind: row.kind,
    provider: row.provider,
    region: row.region,
    description: row.description,
    status: row.status,
    externalId: row.externalId,
    idempotencyKey: row.idempotencyKey,
    tags: row.tags,
    reason: row.reason,
    removal: removalHint(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Every temporary resource a run's builds recorded, with its state and, for an orphan, how to remove it. */
export async function listBuildRunResources(
  db: Queryable,
  actor: Actor,
  input: { org: string; project: string; id: string },
) {
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'build-run.read');
  const run = await findBuildRunInScope(db, access.scope, input.id);
  if (!run) throw KilnError.notFound(`build run ${input.id} in project "${input.project}"`);
  const rows = await listBuildResources(db, run.id);
  return rows.map(presentBuildResource);
}
