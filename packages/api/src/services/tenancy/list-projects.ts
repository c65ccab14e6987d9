import type { Actor } from '../../actor.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { listProjects as listProjectRows } from '../../repositories/tenancy-repository.ts';
import { resolveOrganizationAccess } from '../access/resolve-access.ts';

export async function listProjects(db: Queryable, actor: Actor, input: { org: string }) {
  const access = await resolveOrganizationAccess(db, actor, input.org, 'project.read');
  const rows = await listProjectRows(db, access.organization.id);
  const visible =
    actor.type === 'service_principal' && actor.projectId
      ? rows.filter((p) => p.id === actor.projectId)
      : rows;
  return visible.map((p) => ({ id: p.id, slug: p.slug, name: p.name, createdAt: p.createdAt }));
}
