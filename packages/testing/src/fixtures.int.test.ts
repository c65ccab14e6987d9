import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startPostgresCluster } from '@kiln/runtime';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startPostgres, type TestPostgres } from './postgres.ts';
import { startTemporal } from './temporal.ts';

describe('postgres fixture', () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 60_000);
  afterAll(() => postgres.stop());

  it('creates isolated databases that answer queries and drop cleanly', async () => {
    const a = await createTestDatabase(postgres.adminUrl);
    const b = await createTestDatabase(postgres.adminUrl);
    expect(a.name).not.toBe(b.name);
    const client = new pg.Client({ connectionString: a.url });
    await client.connect();
    const result = await client.query<{ db: string }>('select current_database() as db');
    await client.end();
    expect(result.rows[0]?.db).toBe(a.name);
    await a.drop();
    await b.drop();
    const admin = new pg.Client({ connectionString: postgres.adminUrl });
    await admin.connect();
    const left = await admin.query('select 1 from pg_database where datname = any($1)', [[a.name, b.name]]);
    await admin.end();
    expect(left.rowCount).toBe(0);
  });
});

async function connectError(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.end();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function withUser(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  return u.toString();
}

describe('local PostgreSQL cluster', () => {
  it('trusts no one over TCP: the superuser needs its password, the application role is not a superuser', async () => {
    const postgres = await startPostgres();
    try {
      expect(await connectError(postgres.adminUrl)).toBeUndefined();
      expect(await connectError(withUser(postgres.adminUrl, 'postgres', ''))).toMatch(
        /password authentication failed|no password was provided|client password must be a string/,
      );
      expect(await connectError(withUser(postgres.adminUrl, 'postgres', 'wrong'))).toMatch(
        /password authentication failed for user "postgres"/,
      );
    } finally {
      await postgres.stop();
    }
  }, 60_000);

  it('starts from a folder the postgres user cannot enter (a root clone under a 0700 home), and keeps its data across restarts', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'kiln-home-'));
    expect(statSync(home).mode & 0o777).toBe(0o700);
    const dir = path.join(home, 'repo', '.data', 'postgres');
    mkdirSync(dir, { recursive: true });
    const port = await freePort();
    let cluster = await startPostgresCluster({ dir, port, fast: true });
    const serverDir = cluster.serverDir;
    try {
      // As root the server runs as `postgres`, which cannot enter the 0700 home: the cluster lives elsewhere.
      if (process.getuid?.() === 0)
        expect(serverDir).toMatch(/^\/var\/lib\/kiln\/postgres\/postgres-[0-9a-f]{12}$/);
      else expect(serverDir).toBe(path.join(dir, 'server'));
      expect(statSync(path.join(dir, 'passwords.json')).mode & 0o777).toBe(0o600);
      const app = new pg.Client({ connectionString: cluster.url });
      await app.connect();
      const who = await app.query<{ user: string; su: boolean; db: string }>(
        'select current_user as user, usesuper as su, current_database() as db from pg_user where usename = current_user',
      );
      expect(who.rows[0]).toEqual({ user: 'kiln', su: false, db: 'kiln' });
      await app.query('create table kept (v text)');
      await app.query("insert into kept values ('still here')");
      await app.end();
      expect(await connectError(withUser(cluster.url, 'kiln', 'wrong'))).toMatch(
        /password authentication failed/,
      );
      await cluster.stop();
      cluster = await startPostgresCluster({ dir, port, fast: true });
      expect(cluster.serverDir).toBe(serverDir);
      const again = new pg.Client({ connectionString: cluster.url });
      await again.connect();
      const kept = await again.query<{ v: string }>('select v from kept');
      await again.end();
      expect(kept.rows).toEqual([{ v: 'still here' }]);
    } finally {
      await cluster.stop();
      rmSync(serverDir, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    }
  }, 90_000);
});

describe('temporal fixture', () => {
  it('starts a dev server that answers, and stops it', async () => {
    const temporal = await startTemporal();
    expect(temporal.address).toMatch(/^127\.0\.0\.1:\d+$/);
    const { Connection } = await import('@temporalio/client');
    const connection = await Connection.connect({ address: temporal.address });
    const namespaces = await connection.workflowService.listNamespaces({});
    expect(namespaces.namespaces.map((n) => n.namespaceInfo?.name)).toContain('default');
    await connection.close();
    await temporal.stop();
  }, 90_000);
});
