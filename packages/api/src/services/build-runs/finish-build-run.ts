import { SYSTEM_ACTOR } from '../../actor.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { lockBuildRun, updateBuildRun } from '../../repositories/build-runs-repository.ts';
import { deleteBuildRunSecrets } from '../../repositories/build-secrets-repository.ts';
import { deleteDatasourceOutputs } from '../../repositories/datasource-outputs-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** Forgets what only a run's steps needed: its data source outputs and its sealed secrets. */
export async function releaseRunInputs(db: Queryable, buildRunId: string): Promise<void> {
  await deleteDatasourceOutputs(db, buildRunId);
  await deleteBuildRunSecrets(db, buildRunId);
}

/**
 * Records the outcome of a run and forgets its data source outputs and its sealed secrets, which
 * only its steps needed.
 * A run that already finished keeps its first outcome.
 */
export async function finishBuildRun(
  db: Queryable,
  input: {
    buildRunId: string;
    status: 'succeeded' | 'failed' | 'cancelled';
    failureClass?: string;
    error?: string;
    /** Keep the data source outputs and secrets: failed builds' resources are cleaned up later. */
    keepForCleanup?: boolean;
  },
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const run = await lockBuildRun(tx, input.buildRunId);
    if (!run) throw KilnError.notFound(`build run ${input.buildRunId}`);
    if (TERMINAL.has(run.status)) return;
    if (!input.keepForCleanup) await releaseRunInputs(tx, run.id);
    await updateBuildRun(tx, run.id, {
      status: input.status,
      failureClass: input.failureClass ?? null,
      error: input.error ?? null,
      finishedAt: new Date(),
    });
    await insertAuditEvent(tx, {
      organizationId: run.organizationId,
      projectId: run.projectId,
      actor: SYSTEM_ACTOR,
      action: `build-run.${input.status}`,
      targetType: 'build_run',
      targetId: run.id,
      data:
        input.status === 'succeeded'
          ? {}
          : { failureClass: input.failureClass ?? null, error: input.error ?? null },
    });
  });
}
