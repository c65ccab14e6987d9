import { KilnError } from '../../errors.ts';
import { findBuildRunById } from '../../repositories/build-runs-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { releaseRunInputs } from './finish-build-run.ts';

/**
 * The last thing a run's workflow does, once every cleanup is over: forgets the run's data source
 * outputs and sealed secrets. Only a finished run is released.
 */
export async function releaseBuildRun(db: Queryable, input: { buildRunId: string }): Promise<void> {
  const run = await findBuildRunById(db, input.buildRunId);
  if (!run) throw KilnError.notFound(`build run ${input.buildRunId}`);
  if (run.status === 'queued' || run.status === 'running') {
    throw new KilnError(
      'PRECONDITION_FAILED',
      `build run ${run.id} is ${run.status}: it is released once it has finished`,
    );
  }
  await releaseRunInputs(db, run.id);
}
