import type { DatasourceOutputs } from '@kiln/engine';
import { KilnError } from '../../errors.ts';
import { lockBuildRun } from '../../repositories/build-runs-repository.ts';
import {
  findDatasourceOutputs,
  insertDatasourceOutputsIfMissing,
} from '../../repositories/datasource-outputs-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';

/**
 * Keeps the outputs of a run's data sources for its steps, and returns the ones kept: when a
 * retried preparation resolved them a second time, the first outputs win, so that every step of
 * the run sees one resolution. A finished run keeps nothing.
 */
export async function keepDatasourceOutputs(
  db: Queryable,
  input: { buildRunId: string; outputs: DatasourceOutputs },
): Promise<DatasourceOutputs> {
  return inTransaction(db, async (tx) => {
    const run = await lockBuildRun(tx, input.buildRunId);
    if (!run) throw KilnError.notFound(`build run ${input.buildRunId}`);
    if (run.status !== 'queued' && run.status !== 'running') {
      throw new KilnError(
        'PRECONDITION_FAILED',
        `build run ${run.id} is ${run.status}: its data sources are no longer kept`,
      );
    }
    const scope = { organizationId: run.organizationId, projectId: run.projectId };
    await insertDatasourceOutputsIfMissing(tx, scope, run.id, input.outputs);
    const kept = await findDatasourceOutputs(tx, run.id);
    if (!kept) throw new KilnError('INTERNAL', `build run ${run.id}: data source outputs were not stored`);
    return kept;
  });
}
