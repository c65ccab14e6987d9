import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as runMigrations } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');

/** Applies every committed migration not yet applied to the database at `url`. */
export async function migrate(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await runMigrations(drizzle(client), { migrationsFolder });
  } catch (error) {
    throw new Error(
      `@kiln/db: migrating ${redactUrl(url)} from ${migrationsFolder} failed: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  } finally {
    await client.end().catch(() => {});
  }
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable database url>';
  }
}
