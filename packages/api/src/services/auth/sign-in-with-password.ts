import type { KilnDb, KilnTx } from '@kiln/db';
import { KilnError } from '../../errors.ts';
import {
  countRecentFailures,
  insertSignInAttempt,
  lockSignInKeys,
} from '../../repositories/sign-in-attempts-repository.ts';
import { findUserByEmail } from '../../repositories/tenancy-repository.ts';
import { auditSignIn } from './audit-sign-in.ts';
import { type AuthenticatedUser, authenticateUser } from './authenticate-user.ts';

export interface SignInLimits {
  /** How far back failures count. */
  windowMs: number;
  /** Failures of one account (since its last success) in the window that lock it. */
  maxAccountFailures: number;
  /** Failures from one client address in the window that stop it signing in to any account. */
  maxAddressFailures: number;
}

export const SIGN_IN_LIMITS: SignInLimits = {
  windowMs: 15 * 60_000,
  maxAccountFailures: 5,
  maxAddressFailures: 20,
};

export interface SignInWithPasswordInput {
  email: string;
  password: string;
  /** The client's address as the web server saw it; `unknown` when it could not tell. */
  ip: string;
}

type Outcome =
  | { kind: 'succeeded'; user: AuthenticatedUser }
  | { kind: 'failed' }
  | { kind: 'locked'; retryAfterSeconds: number; scope: 'account' | 'address' };

/**
 * Email and password sign-in with a rate limit and lockout that hold across web processes (the attempts
 * live in Postgres, counted under an advisory lock): an account with too many recent failures, or an
 * address with too many failures on any account, is turned away without its password being checked.
 * Every attempt on a known account is written to the audit trail of each of its organizations.
 */
export async function signInWithPassword(
  db: KilnDb,
  input: SignInWithPasswordInput,
  limits: SignInLimits = SIGN_IN_LIMITS,
): Promise<AuthenticatedUser> {
  const email = input.email.trim().toLowerCase();
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    await lockSignInKeys(tx, email, input.ip);
    const now = Date.now();
    const failures = await countRecentFailures(tx, {
      email,
      ip: input.ip,
      since: new Date(now - limits.windowMs),
    });
    const retryAfter = (last: Date | null) =>
      Math.max(1, Math.ceil(((last?.getTime() ?? now) + limits.windowMs - now) / 1000));
    let result: Outcome;
    if (failures.email >= limits.maxAccountFailures)
      result = { kind: 'locked', scope: 'account', retryAfterSeconds: retryAfter(failures.lastEmailFailure) };
    else if (failures.ip >= limits.maxAddressFailures)
      result = { kind: 'locked', scope: 'address', retryAfterSeconds: retryAfter(failures.lastIpFailure) };
    else {
      const user = await authenticateUser(tx, { email: input.email, password: input.password });
      result = user ? { kind: 'succeeded', user } : { kind: 'failed' };
    }
    await insertSignInAttempt(tx, { email, ip: input.ip, outcome: result.kind });
    await auditAttempt(tx, input, result);
    return result;
  });
  // Thrown after the transaction so that the attempt it records is kept.
  if (outcome.kind === 'succeeded') return outcome.user;
  if (outcome.kind === 'locked') {
    const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
    throw new KilnError(
      'RATE_LIMITED',
      outcome.scope === 'account'
        ? `too many failed sign-ins for this account; try again in ${minutes} minute(s)`
        : `too many failed sign-ins from this address; try again in ${minutes} minute(s)`,
      { details: { retryAfterSeconds: outcome.retryAfterSeconds } },
    );
  }
  throw new KilnError('UNAUTHENTICATED', 'wrong email or password');
}

async function auditAttempt(tx: KilnTx, input: SignInWithPasswordInput, outcome: Outcome): Promise<void> {
  const user = outcome.kind === 'succeeded' ? outcome.user : await findUserByEmail(tx, input.email.trim());
  if (!user) return; // An unknown email belongs to no organization; the attempt row and the log keep it.
  await auditSignIn(tx, {
    userId: user.id,
    outcome: outcome.kind,
    method: 'password',
    ip: input.ip,
    ...(outcome.kind === 'locked' ? { lockedBy: outcome.scope } : {}),
  });
}
