import type { Actor } from '../../actor.ts';
import { assertValidDisplayName, assertValidSlug } from '../../domain/tenancy.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import { insertProject } from '../../repositories/tenancy-repository.ts';
import { resolveOrganizationAccess } from '../access/resolve-access.ts';

export async function createProject(
  db: Queryable,
  actor: Actor,
  input: { org: string; slug: string; name: string },
) {
  assertValidSlug('project', input.slug);
  const name = assertValidDisplayName('project', input.name);
  const access = await resolveOrganizationAccess(db, actor, input.org, 'project.manage');
  return inTransaction(db, async (tx) => {
    const project = await insertProject(tx, {
      organizationId: access.organization.id,
      slug: input.slug,
      name,
    });
    if (!project) {
      throw new KilnError(
        'CONFLICT',
        `project "${input.slug}" already exists in organization "${input.org}"`,
      );
    }
    await insertAuditEvent(tx, {
      organizationId: access.organization.id,
      projectId: project.id,
      actor,
      action: 'tenancy.project.created',
      targetType: 'project',
      targetId: project.id,
      data: { slug: project.slug, name: project.name },
    });
    return { id: project.id, slug: project.slug, name: project.name, createdAt: project.createdAt };
  });
}
