import { verify } from '@node-rs/argon2';
import type { Queryable } from '../../repositories/queryable.ts';
import { findUserByEmail } from '../../repositories/tenancy-repository.ts';

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
}

// Verified when the email is unknown, so that both failures take the same time.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$8J6Fo9Fg57NzMcv3cLqHmQ$rIHsyi+TB8bVFDYe+fpu034nW5nfND5jenceCkPa9HI';

/** Checks an email and password; null when either is wrong or the user signs in through OIDC only. */
export async function authenticateUser(
  db: Queryable,
  input: { email: string; password: string },
): Promise<AuthenticatedUser | null> {
  const user = await findUserByEmail(db, input.email.trim());
  if (!user?.passwordHash) {
    await verify(DUMMY_HASH, input.password).catch(() => false);
    return null;
  }
  const ok = await verify(user.passwordHash, input.password).catch(() => false);
  return ok ? { id: user.id, email: user.email, name: user.name } : null;
}
