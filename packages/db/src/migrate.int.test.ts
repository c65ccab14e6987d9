import type {} from '@kiln/testing/vitest/postgres-setup';
import { createTestDatabase, type TestDatabase } from '@kiln/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from './migrate.ts';

const expectedTables = [
  'artifacts',
  'audit_chain_heads',
  'audit_events',
  'buckets',
  'build_log_lines',
  'build_resources',
  'build_run_datasource_outputs',
  'build_run_secrets',
  'build_run_steps',
  'build_runs',
  'builds',
  'channel_assignments',
  'channels',
  'memberships',
  'organizations',
  'projects',
  'service_principals',
  'sign_in_attempts',
  'template_revisions',
  'templates',
  'user_identities',
  'users',
  'version_lookups',
  'versions',
];

async function publicTables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
    );
    return result.rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

describe('migrate', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(inject('postgresAdminUrl'));
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('creates every table on a fresh database', async () => {
    expect(await publicTables(database.url)).toEqual([]);
    await migrate(database.url);
    expect(await publicTables(database.url)).toEqual(expectedTables);
  });

  it('is a no-op when run again', async () => {
    await migrate(database.url);
    expect(await publicTables(database.url)).toEqual(expectedTables);
  });

  it('says which database failed, without its password', async () => {
    const url = new URL(database.url);
    url.password = 'not-the-password';
    url.port = '1';
    const error = await migrate(url.toString()).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/^@kiln\/db: migrating postgres(ql)?:\/\/.*:1\/.* failed: /);
    expect(error?.message).not.toContain('not-the-password');
  });
});
