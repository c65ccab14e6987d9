/**
 * A throwaway PostgreSQL for working on the web app without the full stack: starts a cluster, migrates it,
 * seeds the demo organization, prints DATABASE_URL, and removes everything on Ctrl-C.
 *
 *   npm run dev:db -w @kiln/web
 */
import { seedDemo } from '@kiln/api';
import { createDb } from '@kiln/db/client';
import { migrate } from '@kiln/db/migrate';
import { createTestDatabase, startPostgres } from '@kiln/testing';

const postgres = await startPostgres();
const database = await createTestDatabase(postgres.adminUrl);
await migrate(database.url);
const handle = createDb(database.url, { max: 2 });
try {
  await seedDemo(handle.db);
} finally {
  await handle.close();
}

console.log(`DATABASE_URL=${database.url}`);
console.log('demo sign-in: demo@kiln.local / kiln-demo. Ctrl-C stops and removes the database.');

// Stay up until asked to stop; the cluster lives as long as this process.
const keepAlive = setInterval(() => {}, 60_000);
await new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});
clearInterval(keepAlive);
await postgres.stop();
console.log('database removed.');
