import type { DatasourceOutputs } from '@kiln/engine';
import { buildRunDatasourceOutputs, eq } from '@kiln/db';
import type { Queryable } from './queryable.ts';
import type { ProjectScope } from './templates-repository.ts';

/** Stores a run's data source outputs unless it has some already; the first stored ones stay. */
export async function insertDatasourceOutputsIfMissing(
  db: Queryable,
  scope: ProjectScope,
  buildRunId: string,
  outputs: DatasourceOutputs,
): Promise<void> {
  await db
    .insert(buildRunDatasourceOutputs)
    .values({ ...scope, buildRunId, outputs })
    .onConflictDoNothing({ target: buildRunDatasourceOutputs.buildRunId });
}

export async function findDatasourceOutputs(
  db: Queryable,
  buildRunId: string,
): Promise<DatasourceOutputs | undefined> {
  const [row] = await db
    .select({ outputs: buildRunDatasourceOutputs.outputs })
    .from(buildRunDatasourceOutputs)
    .where(eq(buildRunDatasourceOutputs.buildRunId, buildRunId));
  return row?.outputs as DatasourceOutputs | undefined;
}

export async function deleteDatasourceOutputs(db: Queryable, buildRunId: string): Promise<void> {
  await db.delete(buildRunDatasourceOutputs).where(eq(buildRunDatasourceOutputs.buildRunId, buildRunId));
}
