import type { Actor } from '../../actor.ts';
import { KilnError } from '../../errors.ts';
import { listBuildRuns as listRunRows } from '../../repositories/build-runs-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { findTemplateByName } from '../../repositories/templates-repository.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';
import { presentBuildRun } from './present-build-run.ts';

export async function listBuildRuns(
  db: Queryable,
  actor: Actor,
  input: { org: string; project: string; template?: string | undefined; limit?: number | undefined },
) {
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'build-run.read');
  let templateId: string | undefined;
  if (input.template) {
    const template = await findTemplateByName(db, access.scope, input.template);
    if (!template) throw KilnError.notFound(`template "${input.template}" in project "${input.project}"`);
    templateId = template.id;
  }
  const rows = await listRunRows(db, access.scope, { templateId, limit: input.limit ?? 50 });
  return rows.map(presentBuildRun);
}
