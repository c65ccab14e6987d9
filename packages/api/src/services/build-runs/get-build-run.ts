import type { Actor } from '../../actor.ts';
import { KilnError } from '../../errors.ts';
import { findBuildRunInScope, listSteps } from '../../repositories/build-runs-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';
import { presentBuildRun, presentStep } from './present-build-run.ts';

export async function getBuildRun(
  db: Queryable,
  actor: Actor,
  input: { org: string; project: string; id: string },
) {
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'build-run.read');
  const run = await findBuildRunInScope(db, access.scope, input.id);
  if (!run) throw KilnError.notFound(`build run ${input.id} in project "${input.project}"`);
  const steps = await listSteps(db, run.id);
  return { ...presentBuildRun(run), steps: steps.map(presentStep) };
}
