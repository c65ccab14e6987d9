import type { Actor } from '../../actor.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { findBuildRunInScope } from '../../repositories/build-runs-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import type { BuildRunControl } from '../../temporal/workflow-contract.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';

/**
 * Asks a queued or running build run to stop: its workflow cancels every build, which cleans up
 * what it created, in reverse, and the run ends as cancelled. Cancelling a finished run is refused.
 */
export async function cancelBuildRun(
  db: Queryable,
  actor: Actor,
  input: { org: string; project: string; id: string },
  deps: { control: BuildRunControl },
): Promise<{ id: string; status: 'cancelling' }> {
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'build-run.start');
  const run = await findBuildRunInScope(db, access.scope, input.id);
  if (!run) throw KilnError.notFound(`build run ${input.id} in project "${input.project}"`);
  if (run.status !== 'queued' && run.status !== 'running') {
    throw new KilnError('PRECONDITION_FAILED', `build run ${run.id} has already ${run.status}`);
  }
  await deps.control.cancelBuildRun({ buildRunId: run.id, organizationId: run.organizationId });
  await insertAuditEvent(db, {
    ...access.scope,
    actor,
    action: 'build-run.cancel-requested',
    targetType: 'build_run',
    targetId: run.id,
    data: {},
  });
  return { id: run.id, status: 'cancelling' };
}
