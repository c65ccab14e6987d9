import { type Actor, SYSTEM_ACTOR } from '../../actor.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { listUserOrganizations } from '../../repositories/tenancy-repository.ts';

export interface SignInAuditEntry {
  userId: string;
  outcome: 'succeeded' | 'failed' | 'locked';
  method: 'password' | 'oidc';
  /** The client's address as the web server saw it. */
  ip: string;
  /** What locked a `locked` attempt out. */
  lockedBy?: 'account' | 'address';
}

/**
 * A sign-in attempt on a user's account, in the audit trail of each organization the user belongs to
 * (`auth.sign-in.succeeded|failed|locked`). A success is the user's own act; a failure is nobody's yet.
 */
export async function auditSignIn(db: Queryable, entry: SignInAuditEntry): Promise<void> {
  const actor: Actor = entry.outcome === 'succeeded' ? { type: 'user', id: entry.userId } : SYSTEM_ACTOR;
  for (const organization of await listUserOrganizations(db, entry.userId)) {
    await insertAuditEvent(db, {
      organizationId: organization.id,
      actor,
      action: `auth.sign-in.${entry.outcome}`,
      targetType: 'user',
      targetId: entry.userId,
      data: { method: entry.method, ip: entry.ip, ...(entry.lockedBy ? { lockedBy: entry.lockedBy } : {}) },
    });
  }
}
