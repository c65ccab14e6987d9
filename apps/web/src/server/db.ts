import 'server-only';
import { sql } from '@kiln/db';
import { createDb, type DbHandle, type KilnDb } from '@kiln/db/client';
import { env } from '~/env.ts';

const globalForDb = globalThis as unknown as { kilnDbHandle?: DbHandle };

function handle(): DbHandle {
  globalForDb.kilnDbHandle ??= createDb(env().DATABASE_URL);
  return globalForDb.kilnDbHandle;
}

/** The process-wide database, created on first use and kept across dev hot reloads. */
export function db(): KilnDb {
  return handle().db;
}

/** Answers when PostgreSQL does; throws with the driver's reason otherwise. */
export async function pingDatabase(): Promise<void> {
  await handle().db.execute(sql`select 1`);
}
