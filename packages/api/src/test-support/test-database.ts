import type {} from '@kiln/testing/vitest/postgres-setup';
import { createDb, type KilnDb, migrate } from '@kiln/db';
import { createTestDatabase } from '@kiln/testing';
import pg from 'pg';
import { inject } from 'vitest';

export interface MigratedTestDatabase {
  db: KilnDb;
  url: string;
  /** Runs raw SQL, bypassing every service and repository. */
  sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  count(table: string): Promise<number>;
  dispose(): Promise<void>;
}

/** A fresh, migrated database in the run's PostgreSQL cluster. */
export async function createMigratedTestDatabase(): Promise<MigratedTestDatabase> {
  const database = await createTestDatabase(inject('postgresAdminUrl'));
  await migrate(database.url);
  const handle = createDb(database.url, { max: 20 });
  const raw = new pg.Pool({ connectionString: database.url, max: 2 });
  // Dropping the database terminates connections that are still closing; that is expected here.
  raw.on('error', () => {});
  const sql = async <T extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
    (await raw.query<T>(text, values)).rows;
  return {
    db: handle.db,
    url: database.url,
    sql,
    async count(table: string) {
      const [row] = await sql<{ n: string }>(`select count(*) as n from ${table}`);
      return Number(row?.n);
    },
    async dispose() {
      await handle.close();
      await raw.end();
      await database.drop();
    },
  };
}
