import type { Actor } from '../../actor.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { findBuildRunInScope, listSteps } from '../../repositories/build-runs-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import type { BuildRunControl } from '../../temporal/workflow-contract.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';

/** Resumes a build that waits at a breakpoint; a build that does not wait is refused. */
export async function resumeBuild(
  db: Queryable,
  actor: Actor,
  input: { org: string; project: string; id: string; build: string },
  deps: { control: BuildRunControl },
): Promise<{ id: string; build: string; stepIndex: number }> {
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'build-run.start');
  const run = await findBuildRunInScope(db, access.scope, input.id);
  if (!run) throw KilnError.notFound(`build run ${input.id} in project "${input.project}"`);
  const steps = await listSteps(db, run.id);
  if (!steps.some((s) => s.buildName === input.build)) {
    throw KilnError.notFound(`build "${input.build}" in build run ${run.id}`);
  }
  const paused = steps.find((s) => s.buildName === input.build && s.status === 'paused');
  if (!paused) {
    throw new KilnError(
      'PRECONDITION_FAILED',
      `build "${input.build}" of build run ${run.id} is not at a breakpoint`,
    );
  }
  await deps.control.resumeBreakpoint({
    buildRunId: run.id,
    organizationId: run.organizationId,
    buildName: input.build,
  });
  await insertAuditEvent(db, {
    ...access.scope,
    actor,
    action: 'build-run.resumed',
    targetType: 'build_run',
    targetId: run.id,
    data: { build: input.build, step: paused.stepIndex },
  });
  return { id: run.id, build: input.build, stepIndex: paused.stepIndex };
}
