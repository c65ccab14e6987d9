import type { Actor } from '../../actor.ts';
import { KilnError } from '../../errors.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { findLatestRevision, findTemplateByName } from '../../repositories/templates-repository.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';

export async function getTemplate(
  db: Queryable,
  actor: Actor,
  input: { org: string; project: string; template: string },
) {
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'template.read');
  const template = await findTemplateByName(db, access.scope, input.template);
  if (!template) throw KilnError.notFound(`template "${input.template}" in project "${input.project}"`);
  const revision = await findLatestRevision(db, access.scope, template.id);
  if (!revision)
    throw new KilnError('INTERNAL', `template "${template.name}" (${template.id}) has no revision`);
  return {
    id: template.id,
    name: template.name,
    createdAt: template.createdAt,
    revision: {
      id: revision.id,
      number: revision.number,
      filename: revision.filename,
      content: revision.content,
      sha256: revision.sha256,
      createdAt: revision.createdAt,
      createdBy: revision.createdBy,
    },
  };
}
