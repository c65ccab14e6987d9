import type { Actor } from '../../actor.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';

export async function getProject(db: Queryable, actor: Actor, input: { org: string; project: string }) {
  const { organization, project, role } = await resolveProjectAccess(
    db,
    actor,
    input.org,
    input.project,
    'project.read',
  );
  return {
    organization: { id: organization.id, slug: organization.slug, name: organization.name },
    project: { id: project.id, slug: project.slug, name: project.name, createdAt: project.createdAt },
    role,
  };
}
