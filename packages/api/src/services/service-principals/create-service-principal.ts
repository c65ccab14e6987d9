import { type Actor, actorId } from '../../actor.ts';
import { type Role, roleAtMost } from '../../domain/roles.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import {
  findServicePrincipalByName,
  insertServicePrincipal,
} from '../../repositories/service-principals-repository.ts';
import { findProjectBySlug } from '../../repositories/tenancy-repository.ts';
import { resolveOrganizationAccess } from '../access/resolve-access.ts';
import {
  generateClientId,
  generateClientSecret,
  hashClientSecret,
} from '../auth/service-principal-secret.ts';
import { presentServicePrincipal } from './present-service-principal.ts';

export interface CreateServicePrincipalInput {
  org: string;
  name: string;
  role: Role;
  project?: string | undefined;
}

/** Creates a principal and returns its secret: this is the only time the secret is ever shown. */
export async function createServicePrincipal(
  db: Queryable,
  actor: Actor,
  input: CreateServicePrincipalInput,
) {
  const access = await resolveOrganizationAccess(db, actor, input.org, 'service-principal.manage');
  if (!roleAtMost(input.role, access.role)) {
    throw new KilnError(
      'FORBIDDEN',
      `a ${access.role} cannot create a service principal with role ${input.role}`,
    );
  }
  const name = input.name.trim();
  if (name.length === 0 || name.length > 64) {
    throw new KilnError('INVALID', 'service principal name must be 1-64 characters');
  }
  let projectId: string | null = null;
  if (input.project) {
    const project = await findProjectBySlug(db, access.organization.id, input.project);
    if (!project) throw KilnError.notFound(`project "${input.project}" in organization "${input.org}"`);
    projectId = project.id;
  }
  const clientSecret = generateClientSecret();
  return inTransaction(db, async (tx) => {
    if (await findServicePrincipalByName(tx, access.organization.id, name)) {
      throw new KilnError(
        'CONFLICT',
        `service principal "${name}" already exists in organization "${input.org}"`,
      );
    }
    const principal = await insertServicePrincipal(tx, {
      organizationId: access.organization.id,
      projectId,
      name,
      clientId: generateClientId(),
      secretHash: hashClientSecret(clientSecret),
      role: input.role,
      createdBy: actorId(actor) ?? 'system',
    });
    await insertAuditEvent(tx, {
      organizationId: access.organization.id,
      projectId,
      actor,
      action: 'auth.service-principal.created',
      targetType: 'service_principal',
      targetId: principal.id,
      data: { name, role: input.role, clientId: principal.clientId },
    });
    return { ...presentServicePrincipal(principal), clientSecret };
  });
}
