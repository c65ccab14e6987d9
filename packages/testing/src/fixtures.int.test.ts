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
