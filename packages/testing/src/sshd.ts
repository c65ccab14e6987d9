import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ExecResult, exec, execOrThrow, freePort } from '@kiln/runtime';

/** A throwaway OpenSSH server (Debian's /usr/sbin/sshd) and a throwaway user that may log in to it. */
export interface TestSshd {
  /** Where the host answers: 127.0.0.1, or the namespace's address for a namespaced host. */
  host: string;
  port: number;
  user: string;
  password: string;
  /** The user's home folder on the host (`~`). */
  home: string;
  /** An authorized ed25519 client key, OpenSSH format, and where it is on disk. */
  privateKey: string;
  privateKeyPath: string;
  publicKey: string;
  /**
   * For a namespaced host: a second listener on the namespace's own loopback, reachable only from
   * inside the namespace (through a bastion on `host:port`).
   */
  inner?: { host: string; port: number };
  /** The network namespace's name, for a namespaced host. */
  namespace?: string;
  /** Adds a public key to the user's authorized_keys. */
  authorize(publicKey: string): Promise<void>;
  /** Runs a program on the host (inside the namespace for a namespaced host), as root. */
  run(command: string, args: string[]): Promise<ExecResult>;
  /** The ids of the user's processes whose command line contains `text`. */
  processes(text: string): Promise<number[]>;
  stop(): Promise<void>;
}

export interface SshdOptions {
  /** Start the host in a network namespace of its own, joined to this machine by a veth pair. */
  namespace?: boolean;
}

interface Namespace {
  name: string;
  hostSide: string;
  address: string;
}

/** A 10.x.y.0/30 private network on a veth pair: 10.x.y.1 here, 10.x.y.2 in the namespace. */
async function createNamespace(): Promise<Namespace> {
  const id = randomBytes(3).toString('hex');
  const name = `kiln-ssh-${id}`;
  const hostSide = `kv${id}a`;
  const nsSide = `kv${id}b`;
  const [b, c] = [200 + (randomBytes(1)[0]! % 50), (randomBytes(1)[0]! % 64) * 4];
  const prefix = `10.${b}.${c}`;
  await execOrThrow('ip', ['netns', 'add', name]);
  try {
    await execOrThrow('ip', ['link', 'add', hostSide, 'type', 'veth', 'peer', 'name', nsSide]);
    await execOrThrow('ip', ['link', 'set', nsSide, 'netns', name]);
    await execOrThrow('ip', ['addr', 'add', `${prefix}.1/30`, 'dev', hostSide]);
    await execOrThrow('ip', ['link', 'set', hostSide, 'up']);
    const inNs = (args: string[]) => execOrThrow('ip', ['netns', 'exec', name, 'ip', ...args]);
    await inNs(['addr', 'add', `${prefix}.2/30`, 'dev', nsSide]);
    await inNs(['link', 'set', nsSide, 'up']);
    await inNs(['link', 'set', 'lo', 'up']);
  } catch (error) {
    await removeNamespace({ name, hostSide, address: '' });
    throw error;
  }
  return { name, hostSide, address: `${prefix}.2` };
}

async function removeNamespace(ns: Namespace): Promise<void> {
  // Deleting the namespace deletes its end of the veth pair, and with it this end.
  await exec('ip', ['netns', 'del', ns.name]);
  await exec('ip', ['link', 'del', ns.hostSide]);
}

async function waitForListening(child: ChildProcess, expected: number, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((output().match(/Server listening on/g) ?? []).length < expected) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}: ${output()}`);
    if (Date.now() > deadline) throw new Error(`sshd did not start listening within 10 s: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Starts sshd as root on a free loopback port (or port 22 of a namespace of its own) with a
 * throwaway host key, and creates a throwaway user (password and key login). `stop()` ends the
 * user's processes, the server, the user, the namespace and the folder.
 */
export async function startSshd(options: SshdOptions = {}): Promise<TestSshd> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiln-sshd-'));
  await chmod(dir, 0o755);
  const user = `kiln-ssh-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  const home = path.join(dir, 'home');
  let namespace: Namespace | undefined;
  let child: ChildProcess | undefined;
  let userCreated = false;

  const stop = async () => {
    if (userCreated) {
      for (const pid of await userProcesses(user, '')) killQuietly(pid);
    }
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (userCreated) await exec('userdel', [user]);
    if (namespace) await removeNamespace(namespace);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
    await sweepStaleUsers();
    // The home exists before the user does: a user whose home is gone belongs to a dead fixture.
    await mkdir(path.join(home, '.ssh'), { recursive: true });
    await execOrThrow('useradd', ['-M', '-N', '-d', home, '-s', '/bin/sh', user]);
    userCreated = true;
    await runWithInput('chpasswd', `${user}:${password}\n`);
    await execOrThrow('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'hostkey')]);
    const privateKeyPath = path.join(dir, 'client_key');
    await execOrThrow('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'kiln-test',
      '-f',
      privateKeyPath,
    ]);
    const publicKey = (await readFile(`${privateKeyPath}.pub`, 'utf8')).trim();
    await writeFile(path.join(home, '.ssh', 'authorized_keys'), `${publicKey}\n`, { mode: 0o600 });
    await execOrThrow('chown', ['-R', `${user}:`, home]);

    let host = '127.0.0.1';
    let port: number;
    let inner: { host: string; port: number } | undefined;
    const listen: string[] = [];
    if (options.namespace) {
      namespace = await createNamespace();
      host = namespace.address;
      port = 22;
      inner = { host: '127.0.0.1', port: 2200 };
      listen.push(`${host}:${port}`, `${inner.host}:${inner.port}`);
    } else {
      port = await freePort();
      listen.push(`${host}:${port}`);
    }
    const config = path.join(dir, 'sshd_config');
    await writeFile(
      config,
      [
        ...listen.map((address) => `ListenAddress ${address}`),
        `HostKey ${path.join(dir, 'hostkey')}`,
        `PidFile ${path.join(dir, 'sshd.pid')}`,
        'AuthorizedKeysFile %h/.ssh/authorized_keys',
        'PasswordAuthentication yes',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        // Keys live under /tmp, whose ownership and modes StrictModes refuses.
        'StrictModes no',
        'PermitRootLogin no',
        `AllowUsers ${user}`,
        'AllowAgentForwarding yes',
        'AllowTcpForwarding yes',
        'MaxStartups 100',
        'Subsystem sftp internal-sftp',
        '',
      ].join('\n'),
    );
    const sshd = ['/usr/sbin/sshd', '-D', '-e', '-f', config];
    const [command, ...args] = namespace ? ['ip', 'netns', 'exec', namespace.name, ...sshd] : sshd;
    let output = '';
    child = spawn(command!, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    });
    await waitForListening(child, listen.length, () => output);

    const ns = namespace;
    return {
      host,
      port,
      user,
      password,
      home,
      privateKey: await readFile(privateKeyPath, 'utf8'),
      privateKeyPath,
      publicKey,
      ...(inner ? { inner } : {}),
      ...(ns ? { namespace: ns.name } : {}),
      async authorize(key) {
        await writeFile(path.join(home, '.ssh', 'authorized_keys'), `${key.trim()}\n`, { flag: 'a' });
        await chown(path.join(home, '.ssh', 'authorized_keys'), ...(await ids(user)));
      },
      run: (program, programArgs) =>
        ns ? exec('ip', ['netns', 'exec', ns.name, program, ...programArgs]) : exec(program, programArgs),
      processes: (text) => userProcesses(user, text),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Removes the users of fixtures whose process died before `stop()` (their folder is gone with the
 * machine's /tmp clean-up or a later run); a live fixture's user always has its home.
 */
async function sweepStaleUsers(): Promise<void> {
  const passwd = await readFile('/etc/passwd', 'utf8');
  for (const line of passwd.split('\n')) {
    const [name, , , , , home] = line.split(':');
    if (!name?.startsWith('kiln-ssh-') || !home?.startsWith(path.join(tmpdir(), 'kiln-sshd-'))) continue;
    if (existsSync(home)) continue;
    if ((await userProcesses(name, '')).length > 0) continue;
    await exec('userdel', [name]);
  }
}

async function ids(user: string): Promise<[number, number]> {
  const [uid, gid] = await Promise.all([execOrThrow('id', ['-u', user]), execOrThrow('id', ['-g', user])]);
  return [Number(uid.trim()), Number(gid.trim())];
}

async function userProcesses(user: string, text: string): Promise<number[]> {
  const result = await exec('pgrep', text ? ['-u', user, '-f', text] : ['-u', user]);
  return result.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(Number);
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function runWithInput(command: string, input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`)),
    );
    child.stdin.end(input);
  });
}
