import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { lchown, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { LocalCommand, LocalCommandResult, LocalExecutor } from '@kiln/engine';
import { errorMessage, PluginFailure } from '../common/errors.ts';
import { runProcessGroup } from '../common/process-group.ts';

const run = promisify(execFile);

/** The PATH inside the sandbox: the system's, read-only. */
export const SANDBOX_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * The kernel uids a worker running as root hands to sandboxes: one per build run, picked from the
 * run folder's name, far above any uid a system or a directory service gives out. No such user
 * exists on the machine, so a sandboxed process owns nothing outside its run folder.
 */
export const SANDBOX_UID_RANGE = { first: 1_900_000_000, count: 100_000_000 } as const;

/** The uid and gid a sandboxed process has inside its user namespace when the worker is not root. */
const NAMESPACE_UID = 1000;

/** The few files of /etc a program needs; nothing that holds a secret (no shadow, no ssh, no machine id). */
const HOST_ETC = [
  'alternatives',
  'ca-certificates',
  'ca-certificates.conf',
  'debian_version',
  'gai.conf',
  'host.conf',
  'ld.so.cache',
  'ld.so.conf',
  'ld.so.conf.d',
  'localtime',
  'mime.types',
  'os-release',
  'protocols',
  'services',
  'shells',
  'ssl/certs',
  'ssl/openssl.cnf',
  'timezone',
];
/** Kiln's own /etc files for the sandbox; `passwd` and `group` are written per command (see writeIdentity). */
const SANDBOX_ETC_DIR = fileURLToPath(new URL('./etc/', import.meta.url));
const SANDBOX_ETC = ['hosts', 'nsswitch.conf'];

/** The most processes a run's uid may have at once: a fork bomb stops there, inside its own run. */
const MAX_PROCESSES = 4096;

/** The top-level system folders, bound read-only (or re-created as the symlinks into /usr they are). */
const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/opt'];

const TMP_SIZE_BYTES = 1024 * 1024 * 1024;

export interface BubblewrapOptions {
  /** Build runs work in `<workRoot>/<run>`; a command may only run inside one of those folders. */
  workRoot: string;
  /** The `bwrap` program; `/usr/bin/bwrap` by default. */
  bwrapPath?: string;
  /** Whether the worker runs as root: then each run gets a kernel uid of its own. Default: the process's. */
  asRoot?: boolean;
}

/**
 * Runs each local command in a bubblewrap sandbox of its build run's own: new mount, PID, network,
 * IPC, UTS and cgroup namespaces; the system read-only, a minimal /etc, a private /tmp, the run's
 * folder as the only writable path; a fresh environment with only the command's `env` plus PATH,
 * HOME and TMPDIR; no network at all. As root, the command runs as a uid of its run's own with
 * every capability dropped and `no_new_privs`; otherwise as uid 1000 of a user namespace. When the
 * command ends, the sandbox's PID namespace goes with it: no process it started survives, however
 * it detached itself. Output, heartbeats, abort and exit codes are those of `runProcessGroup`.
 */
export function createBubblewrapExecutor(options: BubblewrapOptions): LocalExecutor {
  const bwrap = options.bwrapPath ?? '/usr/bin/bwrap';
  const asRoot = options.asRoot ?? process.getuid?.() === 0;
  const workRoot = path.resolve(options.workRoot);
  const system = systemMounts();
  return {
    isolation: asRoot
      ? 'bubblewrap sandbox (a uid per build run, no network)'
      : 'bubblewrap sandbox (user namespace, no network)',
    async run(command: LocalCommand): Promise<LocalCommandResult> {
      const runDir = runFolderOf(workRoot, command.cwd);
      const uid = sandboxUid(runDir);
      if (asRoot) await handOver(runDir, uid);
      const identity = await writeIdentity(asRoot ? uid : NAMESPACE_UID);
      const args = [
        ...namespaceArgs(asRoot),
        ...system,
        ...identityMounts(identity),
        '--proc',
        '/proc',
        '--dev',
        '/dev',
        '--perms',
        '1777',
        '--size',
        String(TMP_SIZE_BYTES),
        '--tmpfs',
        '/tmp',
        ...traversableParents(runDir),
        '--bind',
        runDir,
        runDir,
        '--chdir',
        path.resolve(command.cwd),
        ...environmentArgs(command.env),
        '--',
        ...(asRoot ? dropToUid(uid) : []),
        command.command,
        ...command.args,
      ];
      try {
        return await runProcessGroup({
          command: bwrap,
          args,
          cwd: '/',
          env: { PATH: SANDBOX_PATH },
          signal: command.signal,
          onLine: command.onLine,
          ...(command.onHeartbeat ? { onHeartbeat: command.onHeartbeat } : {}),
        });
      } finally {
        await rm(identity, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A LocalExecutor for a worker where no sandbox can run: every local step is refused with what to
 * do about it. `reason` says why the sandbox is not usable.
 */
export function createRefusingExecutor(reason: string): LocalExecutor {
  return {
    isolation: 'none: local steps refused',
    run() {
      return Promise.reject(
        new PluginFailure(
          'bad-config',
          `This worker refuses steps that run on it (shell-local): its bubblewrap sandbox is not usable (${reason}). ` +
            'The operator installs bubblewrap (Debian: apt-get install bubblewrap) on the worker host, or, for a ' +
            'single-tenant installation only, sets KILN_SANDBOX=single-tenant.',
        ),
      );
    },
  };
}

/**
 * Whether bubblewrap can build its sandbox here: runs `true` in one, with every namespace the
 * executor uses. Returns why not, with bwrap's own words, or undefined when it can.
 */
export async function bubblewrapProblem(
  options: Omit<BubblewrapOptions, 'workRoot'> = {},
): Promise<string | undefined> {
  const bwrap = options.bwrapPath ?? '/usr/bin/bwrap';
  if (!existsSync(bwrap)) return `${bwrap} is not installed`;
  const asRoot = options.asRoot ?? process.getuid?.() === 0;
  try {
    await run(
      bwrap,
      [
        ...namespaceArgs(asRoot),
        ...systemMounts(),
        '--proc',
        '/proc',
        '--dev',
        '/dev',
        '--',
        ...(asRoot ? dropToUid(SANDBOX_UID_RANGE.first) : []),
        'true',
      ],
      { env: { PATH: SANDBOX_PATH }, timeout: 10_000 },
    );
    return undefined;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    return `${bwrap} could not start a sandbox: ${stderr || errorMessage(error)}`;
  }
}

/** The uid the build run in `runDir` runs as. */
export function sandboxUid(runDir: string): number {
  const digest = createHash('sha256').update(runDir).digest();
  return SANDBOX_UID_RANGE.first + (digest.readUInt32BE(0) % SANDBOX_UID_RANGE.count);
}

/** `<workRoot>/<run>` for a command's working folder, which must lie in one run's folder. */
function runFolderOf(workRoot: string, cwd: string): string {
  const relative = path.relative(workRoot, path.resolve(cwd));
  const [first] = relative.split(path.sep);
  if (!relative || !first || first === '..' || path.isAbsolute(relative)) {
    throw new PluginFailure(
      'internal',
      `a local command must run in a build run's work folder under ${workRoot}; it asked for ${cwd}`,
    );
  }
  return path.join(workRoot, first);
}

/** The run folder and everything in it become the sandbox uid's (symlinks themselves, never their targets). */
async function handOver(runDir: string, uid: number): Promise<void> {
  try {
    await chownTree(runDir, uid);
  } catch (error) {
    throw new PluginFailure(
      'internal',
      `could not hand the run folder to its sandbox: ${errorMessage(error)}`,
      {
        cause: error,
      },
    );
  }
}

async function chownTree(dir: string, uid: number): Promise<void> {
  await lchown(dir, uid, uid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const entryPath = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(entryPath, uid);
    else await lchown(entryPath, uid, uid);
  }
}

function namespaceArgs(asRoot: boolean): string[] {
  return [
    // As root, no user namespace: the command itself drops to the run's uid (see dropToUid).
    ...(asRoot ? [] : ['--unshare-user', '--uid', String(NAMESPACE_UID), '--gid', String(NAMESPACE_UID)]),
    '--unshare-ipc',
    '--unshare-pid',
    '--unshare-net',
    '--unshare-uts',
    '--unshare-cgroup-try',
    '--hostname',
    'kiln-sandbox',
    '--die-with-parent',
    '--new-session',
    '--clearenv',
  ];
}

/**
 * setpriv, inside the sandbox: the run's uid and gid, no groups, no capabilities, no way back up;
 * then prlimit caps the processes of the run's uid.
 */
function dropToUid(uid: number): string[] {
  return [
    '/usr/bin/setpriv',
    `--reuid=${uid}`,
    `--regid=${uid}`,
    '--clear-groups',
    '--inh-caps=-all',
    '--bounding-set=-all',
    '--no-new-privs',
    '--',
    '/usr/bin/prlimit',
    `--nproc=${MAX_PROCESSES}`,
    '--',
  ];
}

/**
 * A folder with the sandbox's `passwd` and `group`: root, `kiln` with the command's uid (so that
 * `whoami`, git and ssh know who they are) and nobody. Removed when the command ends.
 */
async function writeIdentity(uid: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiln-sandbox-etc-'));
  await writeFile(
    path.join(dir, 'passwd'),
    [
      'root:x:0:0:root:/nonexistent:/usr/sbin/nologin',
      `kiln:x:${uid}:${uid}:Kiln build:/tmp:/bin/sh`,
      'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  await writeFile(
    path.join(dir, 'group'),
    ['root:x:0:', `kiln:x:${uid}:`, 'nogroup:x:65534:', ''].join('\n'),
    {
      mode: 0o644,
    },
  );
  return dir;
}

function identityMounts(dir: string): string[] {
  return ['passwd', 'group'].flatMap((file) => ['--ro-bind', path.join(dir, file), `/etc/${file}`]);
}

/**
 * The folders above the run folder, re-created empty inside the sandbox and only traversable
 * (0711), so that the run folder's absolute path works there and nothing lists where it lives.
 */
function traversableParents(runDir: string): string[] {
  const args: string[] = [];
  const parents: string[] = [];
  for (let dir = path.dirname(runDir); dir !== path.dirname(dir); dir = path.dirname(dir))
    parents.unshift(dir);
  for (const dir of parents) {
    if (dir === '/tmp') continue;
    args.push('--perms', '0711', '--dir', dir);
  }
  return args;
}

function environmentArgs(env: Record<string, string>): string[] {
  const all: Record<string, string> = { ...env, PATH: SANDBOX_PATH, HOME: '/tmp', TMPDIR: '/tmp' };
  return Object.entries(all).flatMap(([name, value]) => ['--setenv', name, value]);
}

/** The read-only system: /usr and its siblings as this host has them, and the minimal /etc. */
function systemMounts(): string[] {
  const args: string[] = [];
  for (const dir of SYSTEM_DIRS) {
    let stat: ReturnType<typeof lstatSync>;
    try {
      stat = lstatSync(dir);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) args.push('--symlink', readlinkSync(dir), dir);
    else if (stat.isDirectory()) args.push('--ro-bind', dir, dir);
  }
  args.push('--perms', '0755', '--dir', '/etc', '--perms', '0755', '--dir', '/etc/ssl');
  for (const entry of HOST_ETC) args.push('--ro-bind-try', `/etc/${entry}`, `/etc/${entry}`);
  for (const entry of SANDBOX_ETC) args.push('--ro-bind', path.join(SANDBOX_ETC_DIR, entry), `/etc/${entry}`);
  args.push('--dir', '/var/tmp');
  return args;
}
