import { createDb } from '@kiln/db';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isKilnError } from '../../errors.ts';
import { seedDemoWithOwner } from '../../test-support/fixtures.ts';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../test-support/test-database.ts';
import { DEMO_USER_EMAIL, DEMO_USER_PASSWORD } from '../demo/seed-demo.ts';
import { auditSignIn } from './audit-sign-in.ts';
import { type SignInLimits, signInWithPassword } from './sign-in-with-password.ts';

const LIMITS: SignInLimits = { windowMs: 60_000, maxAccountFailures: 5, maxAddressFailures: 8 };

async function codeOf(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
    return 'OK';
  } catch (error) {
    if (isKilnError(error)) return error.code;
    throw error;
  }
}

describe('signInWithPassword', () => {
  const setup = { t: undefined as MigratedTestDatabase | undefined, userId: '' };
  beforeAll(async () => {
    setup.t = await createMigratedTestDatabase();
    setup.userId = (await seedDemoWithOwner(setup.t.db)).userId;
  });
  afterAll(() => setup.t?.dispose());
  const db = () => {
    if (!setup.t) throw new Error('the test database is not ready');
    return setup.t;
  };
  // The audit trail is append-only: each test reads only the events written after it began.
  let auditFrom = '';
  beforeEach(async () => {
    const [last] = await db().sql<{ id: string | null }>('select max(id) as id from audit_events');
    auditFrom = last?.id ?? '';
  });
  afterEach(async () => {
    await db().sql('delete from sign_in_attempts');
  });

  /** The audit row of a successful sign-in by the demo user. */
  const signedIn = (method: string, ip: string) => ({
    action: 'auth.sign-in.succeeded',
    actor_type: 'user',
    actor_id: setup.userId,
    target_id: setup.userId,
    data: { method, ip },
  });

  const signIn = (password: string, ip = '203.0.113.7', email = DEMO_USER_EMAIL, limits = LIMITS) =>
    signInWithPassword(db().db, { email, password, ip }, limits);

  const audit = () =>
    db().sql<{
      action: string;
      actor_type: string;
      actor_id: string | null;
      target_id: string;
      data: unknown;
    }>(
      "select action, actor_type, actor_id, target_id, data from audit_events where action like 'auth.sign-in.%' and id > $1 order by id",
      [auditFrom],
    );

  it('signs in with the right password and audits it in the user organization, with the address', async () => {
    const user = await signIn(DEMO_USER_PASSWORD);
    expect(user.id).toBe(setup.userId);
    expect(await audit()).toEqual([signedIn('password', '203.0.113.7')]);
  });

  it('locks the account after 5 failures: the right password is then refused, and every attempt is audited', async () => {
    for (let i = 0; i < 5; i++) expect(await codeOf(signIn('wrong'))).toBe('UNAUTHENTICATED');
    // Another address does not help: the lock is the account's.
    const locked = signIn(DEMO_USER_PASSWORD, '198.51.100.9');
    await expect(locked).rejects.toThrow(/too many failed sign-ins for this account; try again in 1 minute/);
    expect(await codeOf(signIn(DEMO_USER_PASSWORD))).toBe('RATE_LIMITED');
    const events = await audit();
    expect(events.map((e) => e.action)).toEqual([
      ...new Array(5).fill('auth.sign-in.failed'),
      'auth.sign-in.locked',
      'auth.sign-in.locked',
    ]);
    expect(events[0]).toMatchObject({ actor_type: 'system', actor_id: null, target_id: setup.userId });
    expect(events[5]?.data).toEqual({ method: 'password', ip: '198.51.100.9', lockedBy: 'account' });
    const outcomes = await db().sql<{ outcome: string; n: string }>(
      'select outcome, count(*) as n from sign_in_attempts group by outcome order by outcome',
    );
    expect(outcomes).toEqual([
      { outcome: 'failed', n: '5' },
      { outcome: 'locked', n: '2' },
    ]);
  });

  it('unlocks when the window has passed, and a success starts the count again', async () => {
    const short: SignInLimits = { ...LIMITS, windowMs: 1500 };
    for (let i = 0; i < 5; i++) await codeOf(signIn('wrong', undefined, undefined, short));
    expect(await codeOf(signIn(DEMO_USER_PASSWORD, undefined, undefined, short))).toBe('RATE_LIMITED');
    await new Promise((r) => setTimeout(r, 1600));
    expect(await codeOf(signIn(DEMO_USER_PASSWORD, undefined, undefined, short))).toBe('OK');
    for (let i = 0; i < 4; i++) await codeOf(signIn('wrong', '203.0.113.8'));
    // 4 failures since the last success: still below the limit although 9 failed in the window.
    expect(await codeOf(signIn(DEMO_USER_PASSWORD, '203.0.113.8'))).toBe('OK');
  });

  it('holds across processes: concurrent guesses through two pools get exactly 5 password checks', async () => {
    const other = createDb(db().url, { max: 10 });
    try {
      const attempts = Array.from({ length: 16 }, (_, i) =>
        codeOf(
          signInWithPassword(
            i % 2 === 0 ? db().db : other.db,
            { email: DEMO_USER_EMAIL, password: `guess-${i}`, ip: `192.0.2.${i}` },
            LIMITS,
          ),
        ),
      );
      const codes = await Promise.all(attempts);
      expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(5);
      expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(11);
    } finally {
      await other.close();
    }
  });

  it('limits an address that guesses across accounts, not the other addresses; unknown emails are not audited', async () => {
    for (let i = 0; i < 8; i++)
      expect(await codeOf(signIn('guess', '203.0.113.50', `nobody${i}@example.com`))).toBe('UNAUTHENTICATED');
    await expect(signIn(DEMO_USER_PASSWORD, '203.0.113.50')).rejects.toThrow(
      /too many failed sign-ins from this address/,
    );
    expect(await codeOf(signIn(DEMO_USER_PASSWORD, '203.0.113.51'))).toBe('OK');
    expect((await audit()).map((e) => [e.action, (e.data as { ip: string }).ip])).toEqual([
      ['auth.sign-in.locked', '203.0.113.50'],
      ['auth.sign-in.succeeded', '203.0.113.51'],
    ]);
    expect(await db().count("sign_in_attempts where email like 'nobody%' and outcome = 'failed'")).toBe(8);
  });

  it('audits a single sign-on sign-in the same way, with its method', async () => {
    await auditSignIn(db().db, {
      userId: setup.userId,
      outcome: 'succeeded',
      method: 'oidc',
      ip: '192.0.2.80',
    });
    expect(await audit()).toEqual([signedIn('oidc', '192.0.2.80')]);
  });
});
