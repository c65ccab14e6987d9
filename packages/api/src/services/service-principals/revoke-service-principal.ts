import type { Actor } from '../../actor.ts';
import { assertMayRevokePrincipal } from '../../domain/tenancy.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import {
  findServicePrincipal,
  markServicePrincipalRevoked,
} from '../../repositories/service-principals-repository.ts';
import { resolveOrganizationAccess } from '../access/resolve-access.ts';

export async function revokeServicePrincipal(
  db: Queryable,
  actor: Actor,
  input: { org: string; id: string },
) {
  const access = await resolveOrganizationAccess(db, actor, input.org, 'service-principal.manage');
  await inTransaction(db, async (tx) => {
    const principal = await findServicePrincipal(tx, access.organization.id, input.id);
    if (!principal) throw KilnError.notFound(`service principal ${input.id} in organization "${input.org}"`);
    assertMayRevokePrincipal(access.role, principal.role);
    if (principal.revokedAt) return;
    await markServicePrincipalRevoked(tx, access.organization.id, principal.id, new Date());
    await insertAuditEvent(tx, {
      organizationId: access.organization.id,
      projectId: principal.projectId,
      actor,
      action: 'auth.service-principal.revoked',
      targetType: 'service_principal',
      targetId: principal.id,
      data: { name: principal.name, clientId: principal.clientId },
    });
  });
}
