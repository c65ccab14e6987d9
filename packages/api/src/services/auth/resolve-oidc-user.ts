import { z } from 'zod';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import {
  findUserByIdentity,
  insertIdentityIfMissing,
  listMembershipOrganizationIds,
  touchIdentity,
} from '../../repositories/identities-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import { findUserByEmail, insertUserIfMissing, type UserRow } from '../../repositories/tenancy-repository.ts';
import type { AuthenticatedUser } from './authenticate-user.ts';

export const ResolveOidcUserInputSchema = z.object({
  issuer: z
    .string()
    .trim()
    .min(1, 'issuer is empty')
    .transform((issuer) => issuer.replace(/\/+$/, '')),
  subject: z.string().trim().min(1, 'subject (the sub claim) is empty'),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .transform((email) => (email === '' ? null : email))
    .nullish(),
  emailVerified: z.boolean(),
  name: z.string().trim().nullish(),
});

export type ResolveOidcUserInput = z.input<typeof ResolveOidcUserInputSchema>;

/** How a new identity was attached to a user; recorded in the `auth.identity.linked` audit event. */
export type IdentityLinkMethod = 'verified-email' | 'new-user';

/**
 * The Kiln user behind an OIDC identity. A known identity (issuer + subject) yields its user. An unknown one
 * is linked to the user with the same email when the issuer says the email is verified, or to a new user
 * without a password. An unverified or missing email is refused: it neither links to an existing user nor
 * creates one, since a user created under an unverified address would claim that address for whoever later
 * proves it. Linking never grants membership; a new user sees no organization until someone adds them.
 */
export async function resolveOidcUser(
  db: Queryable,
  input: ResolveOidcUserInput,
): Promise<AuthenticatedUser> {
  const parsed = ResolveOidcUserInputSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'input'}: ${i.message}`)
      .join('; ');
    throw new KilnError('INVALID', `OIDC sign-in: the identity claims are unusable (${problems})`);
  }
  const claims = parsed.data;
  return inTransaction(db, async (tx) => {
    const known = await findUserByIdentity(tx, claims.issuer, claims.subject);
    if (known) {
      await touchIdentity(tx, known.identity.id);
      return presentUser(known.user);
    }
    if (!claims.email || !claims.emailVerified) {
      throw new KilnError(
        'UNAUTHENTICATED',
        `OIDC sign-in from ${claims.issuer}: this identity is not linked to a Kiln user, and the issuer did not assert a verified email to link or create one with`,
        { details: { issuer: claims.issuer, reason: claims.email ? 'email-not-verified' : 'no-email' } },
      );
    }
    const existing = await findUserByEmail(tx, claims.email);
    const method: IdentityLinkMethod = existing ? 'verified-email' : 'new-user';
    const user =
      existing ??
      (await insertUserIfMissing(tx, {
        email: claims.email,
        name: claims.name || claims.email,
        passwordHash: null,
      }));
    const { linked } = await insertIdentityIfMissing(tx, {
      userId: user.id,
      issuer: claims.issuer,
      subject: claims.subject,
      email: claims.email,
    });
    if (!linked) return presentUser(await linkedByConcurrentSignIn(tx, claims.issuer, claims.subject));
    for (const organizationId of await listMembershipOrganizationIds(tx, user.id)) {
      await insertAuditEvent(tx, {
        organizationId,
        actor: { type: 'user', id: user.id },
        action: 'auth.identity.linked',
        targetType: 'user',
        targetId: user.id,
        data: { issuer: claims.issuer, subject: claims.subject, method },
      });
    }
    return presentUser(user);
  });
}

async function linkedByConcurrentSignIn(db: Queryable, issuer: string, subject: string): Promise<UserRow> {
  const again = await findUserByIdentity(db, issuer, subject);
  if (!again) {
    throw new KilnError(
      'INTERNAL',
      `OIDC sign-in from ${issuer}: linking the identity conflicted, yet no linked identity could be read back`,
    );
  }
  return again.user;
}

function presentUser(user: UserRow): AuthenticatedUser {
  return { id: user.id, email: user.email, name: user.name };
}
