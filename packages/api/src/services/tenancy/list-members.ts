import type { Actor } from '../../actor.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { listMembers as listMemberRows } from '../../repositories/tenancy-repository.ts';
import { resolveOrganizationAccess } from '../access/resolve-access.ts';

export async function listMembers(db: Queryable, actor: Actor, input: { org: string }) {
  const access = await resolveOrganizationAccess(db, actor, input.org, 'member.read');
  const rows = await listMemberRows(db, access.organization.id);
  return rows.map((m) => ({
    userId: m.userId,
    name: m.name,
    email: m.email,
    role: m.role,
    since: m.createdAt,
  }));
}
