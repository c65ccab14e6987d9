import type { Actor } from '../../actor.ts';
import type { Role } from '../../domain/roles.ts';
import { assertMayGrant } from '../../domain/tenancy.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import { findUserByEmail, insertMembership } from '../../repositories/tenancy-repository.ts';
import { resolveOrganizationAccess } from '../access/resolve-access.ts';

/** Adds a Kiln user (by email) to the organization with a role up to the actor's own. */
export async function addMember(
  db: Queryable,
  actor: Actor,
  input: { org: string; email: string; role: Role },
) {
  const access = await resolveOrganizationAccess(db, actor, input.org, 'member.manage');
  assertMayGrant(access.role, input.role);
  const email = input.email.trim().toLowerCase();
  return inTransaction(db, async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) {
      throw KilnError.notFound(`a Kiln user with email ${email} (they sign in once to have an account)`);
    }
    if (
      !(await insertMembership(tx, {
        organizationId: access.organization.id,
        userId: user.id,
        role: input.role,
      }))
    ) {
      throw new KilnError('CONFLICT', `${email} is already a member of organization "${input.org}"`);
    }
    await insertAuditEvent(tx, {
      organizationId: access.organization.id,
      actor,
      action: 'tenancy.member.added',
      targetType: 'user',
      targetId: user.id,
      data: { email: user.email, role: input.role },
    });
    return { userId: user.id, name: user.name, email: user.email, role: input.role };
  });
}
