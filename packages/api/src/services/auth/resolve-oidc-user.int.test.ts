import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKilnError } from '../../errors.ts';
import { DEMO_USER_EMAIL, DEMO_USER_PASSWORD } from '../demo/seed-demo.ts';
import { seedDemoWithOwner } from '../../test-support/fixtures.ts';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../test-support/test-database.ts';
import { getMe } from '../tenancy/get-me.ts';
import { authenticateUser } from './authenticate-user.ts';
import { resolveOidcUser } from './resolve-oidc-user.ts';

const ISSUER = 'https://idp.example/realms/kiln';

describe('resolveOidcUser', () => {
  let t: MigratedTestDatabase;
  let seeded: Awaited<ReturnType<typeof seedDemoWithOwner>>;

  beforeAll(async () => {
    t = await createMigratedTestDatabase();
    seeded = await seedDemoWithOwner(t.db);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('links a new identity to the existing user with the same verified email, and audits it', async () => {
    const user = await resolveOidcUser(t.db, {
      issuer: `${ISSUER}/`,
      subject: 'sub-demo',
      email: DEMO_USER_EMAIL.toUpperCase(),
      emailVerified: true,
      name: 'Someone Else',
    });
    expect(user).toEqual({ id: seeded.userId, email: DEMO_USER_EMAIL, name: 'Demo User' });
    const identities = await t.sql('select user_id, issuer, subject from user_identities');
    expect(identities).toEqual([{ user_id: seeded.userId, issuer: ISSUER, subject: 'sub-demo' }]);
    const audit = await t.sql<{
      organization_id: string;
      actor_id: string;
      target_id: string;
      data: unknown;
    }>(
      "select organization_id, actor_id, target_id, data from audit_events where action = 'auth.identity.linked'",
    );
    expect(audit).toEqual([
      {
        organization_id: seeded.organizationId,
        actor_id: seeded.userId,
        target_id: seeded.userId,
        data: { issuer: ISSUER, subject: 'sub-demo', method: 'verified-email' },
      },
    ]);
    // The password still works beside the linked identity.
    expect(
      await authenticateUser(t.db, { email: DEMO_USER_EMAIL, password: DEMO_USER_PASSWORD }),
    ).toBeTruthy();
  });

  it('creates a user without a password and without any membership for an unknown verified email', async () => {
    const user = await resolveOidcUser(t.db, {
      issuer: ISSUER,
      subject: 'sub-new',
      email: 'new.person@example.com',
      emailVerified: true,
      name: 'New Person',
    });
    expect(user).toMatchObject({ email: 'new.person@example.com', name: 'New Person' });
    expect(user.id).not.toBe(seeded.userId);
    const [row] = await t.sql<{ password_hash: string | null }>(
      'select password_hash from users where id = $1',
      [user.id],
    );
    expect(row).toEqual({ password_hash: null });
    expect(await t.sql('select * from memberships where user_id = $1', [user.id])).toEqual([]);
    expect((await getMe(t.db, { type: 'user', id: user.id })).organizations).toEqual([]);
    expect(await authenticateUser(t.db, { email: 'new.person@example.com', password: '' })).toBeNull();
  });

  it('returns the same user for the same subject, even when the email changed at the issuer', async () => {
    const first = await resolveOidcUser(t.db, {
      issuer: ISSUER,
      subject: 'sub-stable',
      email: 'stable@example.com',
      emailVerified: true,
      name: 'Stable',
    });
    const second = await resolveOidcUser(t.db, {
      issuer: ISSUER,
      subject: 'sub-stable',
      email: 'renamed@example.com',
      emailVerified: false,
      name: 'Renamed',
    });
    expect(second).toEqual(first);
    expect(await t.sql('select user_id from user_identities where subject = $1', ['sub-stable'])).toEqual([
      { user_id: first.id },
    ]);
    expect(await t.sql('select id from users where email = $1', ['renamed@example.com'])).toEqual([]);
  });

  it('keeps the same subject at another issuer apart', async () => {
    const here = await resolveOidcUser(t.db, {
      issuer: ISSUER,
      subject: 'sub-shared',
      email: 'here@example.com',
      emailVerified: true,
    });
    const there = await resolveOidcUser(t.db, {
      issuer: 'https://other-idp.example',
      subject: 'sub-shared',
      email: 'there@example.com',
      emailVerified: true,
    });
    expect(there.id).not.toBe(here.id);
    expect(there.name).toBe('there@example.com');
  });

  it('refuses an unverified email: it neither links to the existing user nor creates one', async () => {
    const users = await t.count('users');
    const identities = await t.count('user_identities');
    const attempt = resolveOidcUser(t.db, {
      issuer: ISSUER,
      subject: 'sub-attacker',
      email: DEMO_USER_EMAIL,
      emailVerified: false,
      name: 'Attacker',
    });
    await expect(attempt).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(attempt).rejects.toThrow(/did not assert a verified email/);
    const unknownEmail = resolveOidcUser(t.db, {
      issuer: ISSUER,
      subject: 'sub-unverified-new',
      email: 'unverified@example.com',
      emailVerified: false,
    });
    await expect(unknownEmail).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const noEmail = resolveOidcUser(t.db, { issuer: ISSUER, subject: 'sub-no-email', emailVerified: true });
    await expect(noEmail).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await t.count('users')).toBe(users);
    expect(await t.count('user_identities')).toBe(identities);
  });

  it('links concurrent first sign-ins of one subject to a single user', async () => {
    const claims = {
      issuer: ISSUER,
      subject: 'sub-race',
      email: 'race@example.com',
      emailVerified: true,
      name: 'Race',
    };
    const results = await Promise.all([1, 2, 3, 4].map(() => resolveOidcUser(t.db, claims)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await t.sql('select user_id from user_identities where subject = $1', ['sub-race'])).toEqual([
      { user_id: results[0]?.id },
    ]);
  });

  it('rejects empty claims as INVALID, naming the claim', async () => {
    const error = await resolveOidcUser(t.db, {
      issuer: ISSUER,
      subject: '  ',
      email: 'x@example.com',
      emailVerified: true,
    }).catch((e: unknown) => e);
    expect(isKilnError(error) && error.code).toBe('INVALID');
    expect((error as Error).message).toMatch(/subject/);
  });
});
