import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../test-support/test-database.ts';
import { authenticateServicePrincipal } from '../auth/authenticate-service-principal.ts';
import { authenticateUser } from '../auth/authenticate-user.ts';
import { DEMO_TEMPLATE } from './demo-template.ts';
import { seedDemo } from './seed-demo.ts';

describe('seedDemo', () => {
  let t: MigratedTestDatabase;
  beforeAll(async () => {
    t = await createMigratedTestDatabase();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('creates the demo tenant, owner, template and service principal; a second call creates nothing', async () => {
    const first = await seedDemo(t.db);
    expect(first.servicePrincipal.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const tables = [
      'organizations',
      'projects',
      'users',
      'memberships',
      'templates',
      'template_revisions',
      'service_principals',
    ];
    const counts = async () => Promise.all(tables.map((table) => t.count(table)));
    expect(await counts()).toEqual([1, 1, 1, 1, 1, 1, 1]);

    const second = await seedDemo(t.db);
    expect(second).toEqual({
      ...first,
      servicePrincipal: { clientId: first.servicePrincipal.clientId, clientSecret: null },
    });
    expect(await counts()).toEqual([1, 1, 1, 1, 1, 1, 1]);

    const [org] = await t.sql('select slug, name from organizations');
    expect(org).toEqual({ slug: 'demo', name: 'Demo Organization' });
    const [revision] = await t.sql('select filename, content from template_revisions');
    expect(revision).toEqual({ filename: 'demo.pkr.hcl', content: DEMO_TEMPLATE });
    const [membership] = await t.sql('select role from memberships');
    expect(membership).toEqual({ role: 'owner' });
  });

  it('stores only a hash of the secret, which authenticates the principal', async () => {
    const [row] = await t.sql<{ secret_hash: string; client_id: string }>(
      'select secret_hash, client_id from service_principals',
    );
    const again = await seedDemo(t.db);
    expect(again.servicePrincipal.clientSecret).toBeNull();
    expect(row!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      await authenticateServicePrincipal(t.db, { clientId: row!.client_id, clientSecret: 'wrong' }),
    ).toBeNull();
  });

  it('lets the demo user sign in with the demo password only', async () => {
    const user = await authenticateUser(t.db, { email: 'demo@kiln.local', password: 'kiln-demo' });
    expect(user).toMatchObject({ email: 'demo@kiln.local', name: 'Demo User' });
    expect(await authenticateUser(t.db, { email: 'DEMO@kiln.local ', password: 'kiln-demo' })).toMatchObject({
      id: user!.id,
    });
    expect(await authenticateUser(t.db, { email: 'demo@kiln.local', password: 'kiln-demo!' })).toBeNull();
    expect(await authenticateUser(t.db, { email: 'nobody@kiln.local', password: 'kiln-demo' })).toBeNull();
    const [hash] = await t.sql<{ password_hash: string }>('select password_hash from users');
    expect(hash!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('uses a given password for a fresh demo user', async () => {
    const other = await createMigratedTestDatabase();
    try {
      await seedDemo(other.db, { password: 'correct horse' });
      expect(
        await authenticateUser(other.db, { email: 'demo@kiln.local', password: 'correct horse' }),
      ).not.toBeNull();
      expect(
        await authenticateUser(other.db, { email: 'demo@kiln.local', password: 'kiln-demo' }),
      ).toBeNull();
    } finally {
      await other.dispose();
    }
  });
});
