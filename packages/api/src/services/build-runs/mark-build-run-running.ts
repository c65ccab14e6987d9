import { SYSTEM_ACTOR } from '../../actor.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import {
  insertStepsIfMissing,
  lockBuildRun,
  updateBuildRun,
} from '../../repositories/build-runs-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';

export interface PlannedBuild {
  name: string;
  steps: { index: number; name: string; kind: string }[];
}

/** Moves a queued run to running and records its planned steps. Calling it again changes nothing. */
export async function markBuildRunRunning(
  db: Queryable,
  input: { buildRunId: string; builds: PlannedBuild[] },
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const run = await lockBuildRun(tx, input.buildRunId);
    if (!run) throw KilnError.notFound(`build run ${input.buildRunId}`);
    if (run.status !== 'queued' && run.status !== 'running') {
      throw new KilnError(
        'PRECONDITION_FAILED',
        `build run ${run.id} is ${run.status} and cannot be marked running`,
      );
    }
    await insertStepsIfMissing(
      tx,
      input.builds.flatMap((build) =>
        build.steps.map((step) => ({
          buildRunId: run.id,
          buildName: build.name,
          stepIndex: step.index,
          stepName: step.name,
          kind: step.kind,
        })),
      ),
    );
    if (run.status === 'queued') {
      await updateBuildRun(tx, run.id, { status: 'running', startedAt: new Date() });
      await insertAuditEvent(tx, {
        organizationId: run.organizationId,
        projectId: run.projectId,
        actor: SYSTEM_ACTOR,
        action: 'build-run.started',
        targetType: 'build_run',
        targetId: run.id,
        data: { builds: input.builds.map((b) => b.name) },
      });
    }
  });
}
