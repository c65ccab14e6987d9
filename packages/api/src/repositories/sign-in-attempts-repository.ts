import { and, count, eq, gt, type SQL, type SignInOutcome, signInAttempts, sql } from '@kiln/db';
import type { Queryable } from './queryable.ts';

/** Advisory lock namespaces: one per kind of key, so an email and an address never share a lock. */
const LOCK_EMAIL = 7301;
const LOCK_IP = 7302;

/**
 * Serialises sign-in attempts for one email and one client address until the transaction ends, in every
 * web process: the failures counted before checking a password are still the failures when it is recorded.
 * Always email first, then address, so two attempts never wait on each other in a circle.
 */
export async function lockSignInKeys(db: Queryable, email: string, ip: string): Promise<void> {
  await db.execute(
    sql`select pg_advisory_xact_lock(${LOCK_EMAIL}, hashtext(${email})), pg_advisory_xact_lock(${LOCK_IP}, hashtext(${ip}))`,
  );
}

/** How many failed attempts match `where`, and when the last one was. */
async function failures(db: Queryable, where: SQL | undefined): Promise<{ n: number; last: Date | null }> {
  const [row] = await db
    .select({ n: count(), last: sql<Date | string | null>`max(${signInAttempts.attemptedAt})` })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.outcome, 'failed'), where));
  return { n: row?.n ?? 0, last: row?.last ? new Date(row.last) : null };
}

/** Failed attempts for `email` and from `ip` since `since`; an email's count restarts at its last success. */
export async function countRecentFailures(
  db: Queryable,
  input: { email: string; ip: string; since: Date },
): Promise<{ email: number; ip: number; lastEmailFailure: Date | null; lastIpFailure: Date | null }> {
  const lastSuccess = db
    .select({ at: sql`max(${signInAttempts.attemptedAt})` })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, input.email), eq(signInAttempts.outcome, 'succeeded')));
  const recent = gt(signInAttempts.attemptedAt, input.since);
  const byEmail = await failures(
    db,
    and(
      eq(signInAttempts.email, input.email),
      recent,
      sql`${signInAttempts.attemptedAt} > coalesce((${lastSuccess}), '-infinity'::timestamptz)`,
    ),
  );
  const byIp = await failures(db, and(eq(signInAttempts.ip, input.ip), recent));
  return { email: byEmail.n, ip: byIp.n, lastEmailFailure: byEmail.last, lastIpFailure: byIp.last };
}

export async function insertSignInAttempt(
  db: Queryable,
  attempt: { email: string; ip: string; outcome: SignInOutcome },
): Promise<void> {
  await db.insert(signInAttempts).values(attempt);
}
