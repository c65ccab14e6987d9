import type { Actor } from '../../actor.ts';
import type { Role } from '../../domain/roles.ts';
import { assertKeepsAnOwner, assertMayGrant, assertMayManageMember } from '../../domain/tenancy.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import {
  deleteMembership,
  findMembershipForUpdate,
  lockOwners,
  updateMembershipRole,
} from '../../repositories/tenancy-repository.ts';
import { resolveOrganizationAccess } from '../access/resolve-access.ts';

/**
 * Changes a member's role (`role`) or removes them (`role: null`). Nobody acts on a member above their own
 * role, nobody grants above it, and the last owner stays.
 */
export async function changeMember(
  db: Queryable,
  actor: Actor,
  input: { org: string; userId: string; role: Role | null },
) {
  const access = await resolveOrganizationAccess(db, actor, input.org, 'member.manage');
  if (input.role) assertMayGrant(access.role, input.role);
  return inTransaction(db, async (tx) => {
    const owners = await lockOwners(tx, access.organization.id);
    const member = await findMembershipForUpdate(tx, access.organization.id, input.userId);
    if (!member) throw KilnError.notFound(`member ${input.userId} of organization "${input.org}"`);
    assertMayManageMember(access.role, member.role);
    assertKeepsAnOwner(owners, member.role, input.role);
    if (input.role === member.role) return { userId: member.userId, role: member.role };
    if (input.role) await updateMembershipRole(tx, access.organization.id, member.userId, input.role);
    else await deleteMembership(tx, access.organization.id, member.userId);
    await insertAuditEvent(tx, {
      organizationId: access.organization.id,
      actor,
      action: input.role ? 'tenancy.member.role-changed' : 'tenancy.member.removed',
      targetType: 'user',
      targetId: member.userId,
      data: input.role ? { from: member.role, to: input.role } : { role: member.role },
    });
    return { userId: member.userId, role: input.role };
  });
}
