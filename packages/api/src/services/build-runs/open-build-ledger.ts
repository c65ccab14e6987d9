import { ledgerIdentity, type LedgerEntry, type ResourceLedger } from '@kiln/engine';
import { KilnError } from '../../errors.ts';
import {
  type BuildResourceRow,
  findBuildResource,
  insertBuildResourceIfMissing,
  listBuildResources,
  updateBuildResource,
} from '../../repositories/build-resources-repository.ts';
import { findBuildRunById } from '../../repositories/build-runs-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';

export function toLedgerEntry(row: BuildResourceRow): LedgerEntry {
  return {
    key: row.resourceKey,
    kind: row.kind,
    provider: row.provider,
    ...(row.region ? { region: row.region } : {}),
    description: row.description,
    data: row.data as LedgerEntry['data'],
    status: row.status,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    idempotencyKey: row.idempotencyKey,
    tags: row.tags,
    ...(row.reason ? { reason: row.reason } : {}),
  };
}

/**
 * The resource ledger of one build of a run, in the database: an entry is written before the step
 * creates the resource, so neither a cancel nor a worker's death loses it.
 */
export async function openBuildLedger(
  db: Queryable,
  input: { buildRunId: string; buildName: string; stepIndex: number },
): Promise<ResourceLedger> {
  const run = await findBuildRunById(db, input.buildRunId);
  if (!run) throw KilnError.notFound(`build run ${input.buildRunId}`);
  const { buildRunId, buildName } = input;
  const mark = async (key: string, values: Parameters<typeof updateBuildResource>[2]) => {
    const row = await updateBuildResource(db, { buildRunId, buildName, resourceKey: key }, values);
    if (!row) {
      throw new KilnError(
        'INTERNAL',
        `build run ${buildRunId}, build "${buildName}": the ledger has no resource "${key}" (record it with intend() before creating it)`,
      );
    }
  };
  return {
    async intend(resource) {
      const row = await insertBuildResourceIfMissing(db, {
        organizationId: run.organizationId,
        projectId: run.projectId,
        buildRunId,
        buildName,
        stepIndex: input.stepIndex,
        resourceKey: resource.key,
        kind: resource.kind,
        provider: resource.provider,
        region: resource.region ?? null,
        description: resource.description,
        data: resource.data ?? {},
        status: 'intended',
        ...ledgerIdentity(buildRunId, buildName, resource.key),
      });
      return toLedgerEntry(row);
    },
    async created(key, externalId, data) {
      const existing = data ? await findBuildResource(db, buildRunId, buildName, key) : undefined;
      await mark(key, {
        status: 'created',
        externalId,
        ...(data ? { data: { ...(existing?.data ?? {}), ...data } } : {}),
      });
    },
    async deleted(key) {
      await mark(key, { status: 'deleted', reason: null });
    },
    async orphaned(key, reason) {
      await mark(key, { status: 'orphaned', reason });
    },
    async entries() {
      return (await listBuildResources(db, buildRunId, buildName)).map(toLedgerEntry);
    },
  };
}
