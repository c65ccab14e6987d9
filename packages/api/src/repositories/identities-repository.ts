import { and, eq, memberships, userIdentities, users } from '@kiln/db';
import type { Queryable } from './queryable.ts';
import type { UserRow } from './tenancy-repository.ts';

export type UserIdentityRow = typeof userIdentities.$inferSelect;

/** The user an OIDC identity is linked to, if any. */
export async function findUserByIdentity(
  db: Queryable,
  issuer: string,
  subject: string,
): Promise<{ identity: UserIdentityRow; user: UserRow } | undefined> {
  const [row] = await db
    .select({ identity: userIdentities, user: users })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)));
  return row;
}

/** Links the identity unless it is linked already; `linked` is false when another sign-in got there first. */
export async function insertIdentityIfMissing(
  db: Queryable,
  values: { userId: string; issuer: string; subject: string; email: string | null },
): Promise<{ linked: boolean }> {
  const inserted = await db
    .insert(userIdentities)
    .values(values)
    .onConflictDoNothing({ target: [userIdentities.issuer, userIdentities.subject] })
    .returning({ id: userIdentities.id });
  return { linked: inserted.length > 0 };
}

export async function touchIdentity(db: Queryable, id: string): Promise<void> {
  await db.update(userIdentities).set({ lastSignInAt: new Date() }).where(eq(userIdentities.id, id));
}

export async function listMembershipOrganizationIds(db: Queryable, userId: string): Promise<string[]> {
  const rows = await db
    .select({ organizationId: memberships.organizationId })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  return rows.map((r) => r.organizationId);
}
