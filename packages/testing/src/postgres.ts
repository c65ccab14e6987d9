import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startPostgresCluster } from '@kiln/runtime';
import pg from 'pg';

export interface TestPostgres {
  /** URL of the cluster's maintenance database; use createTestDatabase for a database of your own. */
  adminUrl: string;
  stop(): Promise<void>;
}

/** A fresh, throwaway PostgreSQL cluster on a free loopback port, removed on stop. */
export async function startPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiln-pg-'));
  // The server runs as the unprivileged `postgres` user when tests run as root. When it cannot reach this
  // folder (a TMPDIR under /root), the cluster keeps its files in a folder of its own: `serverDir`.
  chmodSync(dir, 0o755);
  const cluster = await startPostgresCluster({
    dir,
    port: await freePort(),
    fast: true,
    database: 'postgres',
  });
  return {
    adminUrl: cluster.adminUrl,
    async stop() {
      await cluster.stop();
      rmSync(cluster.serverDir, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database with a random name in the cluster behind `adminUrl`. */
export async function createTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `kiln_test_${Math.random().toString(36).slice(2, 10)}`;
  await withAdmin(adminUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      withAdmin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}
