import type { Actor } from '../../actor.ts';
import { type Permission, type Role, roleAllows } from '../../domain/roles.ts';
import { KilnError } from '../../errors.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { findServicePrincipal } from '../../repositories/service-principals-repository.ts';
import {
  findMembershipRole,
  findOrganizationBySlug,
  findProjectBySlug,
  type OrganizationRow,
  type ProjectRow,
} from '../../repositories/tenancy-repository.ts';

export interface OrganizationAccess {
  organization: OrganizationRow;
  role: Role;
  actor: Actor;
}

export interface ProjectAccess extends OrganizationAccess {
  project: ProjectRow;
  /** The ids every tenant-scoped query filters on. */
  scope: { organizationId: string; projectId: string };
}

/**
 * Resolves an organization slug for an actor. Anything outside the actor's tenant is NOT_FOUND, so that
 * callers cannot tell a foreign organization from a missing one.
 */
export async function resolveOrganizationAccess(
  db: Queryable,
  actor: Actor,
  organizationSlug: string,
  permission: Permission,
): Promise<OrganizationAccess> {
  const notFound = () => KilnError.notFound(`organization "${organizationSlug}"`);
  const organization = await findOrganizationBySlug(db, organizationSlug);
  if (!organization) throw notFound();
  const role = await roleOf(db, actor, organization.id);
  if (!role) throw notFound();
  if (!roleAllows(role, permission)) {
    throw new KilnError(
      'FORBIDDEN',
      `role ${role} in organization "${organizationSlug}" does not grant ${permission}`,
    );
  }
  return { organization, role, actor };
}

export async function resolveProjectAccess(
  db: Queryable,
  actor: Actor,
  organizationSlug: string,
  projectSlug: string,
  permission: Permission,
): Promise<ProjectAccess> {
  const access = await resolveOrganizationAccess(db, actor, organizationSlug, permission);
  const project = await findProjectBySlug(db, access.organization.id, projectSlug);
  const scopedElsewhere =
    actor.type === 'service_principal' && actor.projectId && project && actor.projectId !== project.id;
  if (!project || scopedElsewhere) {
    throw KilnError.notFound(`project "${projectSlug}" in organization "${organizationSlug}"`);
  }
  return { ...access, project, scope: { organizationId: access.organization.id, projectId: project.id } };
}

async function roleOf(db: Queryable, actor: Actor, organizationId: string): Promise<Role | undefined> {
  switch (actor.type) {
    case 'system':
      return 'owner';
    case 'service_principal':
      return actor.organizationId === organizationId
        ? servicePrincipalRole(db, actor.id, organizationId)
        : undefined;
    case 'user':
      return findMembershipRole(db, organizationId, actor.id);
  }
}

/** The principal's role, read from its row so that revocation and role changes apply at once. */
async function servicePrincipalRole(
  db: Queryable,
  id: string,
  organizationId: string,
): Promise<Role | undefined> {
  const principal = await findServicePrincipal(db, organizationId, id);
  if (!principal) return undefined;
  if (principal.revokedAt && principal.revokedAt.getTime() <= Date.now()) {
    throw new KilnError('UNAUTHENTICATED', `service principal ${principal.clientId} has been revoked`);
  }
  return principal.role;
}

export function requirePermission(access: OrganizationAccess, permission: Permission): void {
  if (!roleAllows(access.role, permission)) {
    throw new KilnError(
      'FORBIDDEN',
      `role ${access.role} in organization "${access.organization.slug}" does not grant ${permission}`,
    );
  }
}
