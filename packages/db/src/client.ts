import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema/index.ts';

export type KilnSchema = typeof schema;
export type KilnDb = NodePgDatabase<KilnSchema>;
/** A transaction handle; usable wherever a `KilnDb` is. */
export type KilnTx = Parameters<Parameters<KilnDb['transaction']>[0]>[0];

export interface DbHandle {
  db: KilnDb;
  close(): Promise<void>;
}

export function createDb(url: string, options: { max?: number } = {}): DbHandle {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  pool.on('error', (error) => {
    // An idle client lost its connection; the pool replaces it. Report without crashing.
    console.error(`@kiln/db: idle PostgreSQL client error: ${error.message}`);
  });
  const db = drizzle(pool, { schema });
  return { db, close: () => pool.end() };
}
