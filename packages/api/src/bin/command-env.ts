/** The configuration of the api package's commands; the only place they read `process.env`. */
export function readCommandEnv(env: NodeJS.ProcessEnv = process.env): { databaseUrl: string } {
  const databaseUrl = env.DATABASE_URL?.trim();
  if (!databaseUrl) throw new Error('DATABASE_URL is not set (the PostgreSQL URL of the Kiln database)');
  return { databaseUrl };
}
