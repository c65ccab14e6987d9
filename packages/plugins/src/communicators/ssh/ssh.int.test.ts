import { spawnSync } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emptyBuildState, type PluginConfig } from '@kiln/engine';
import { freePort } from '@kiln/runtime';
import { startSshd, type TestSshd } from '@kiln/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingContext } from '../../../test/run-context.ts';
import { PluginFailure } from '../../common/errors.ts';
import { SettingsReader } from '../../common/settings.ts';
import { waitFor } from '../../../test/processes.ts';
import {
  clearAuthorizedKeysStep,
  openSshCommunicator,
  readCommunicatorSettings,
  type SshConfig,
  temporaryKeyEndpoint,
  temporaryKeyPairStep,
  TEMPORARY_KEY_SECRET,
} from './index.ts';

function sshConfig(settings: PluginConfig): SshConfig {
  const reader = new SettingsReader(settings, 'test');
  const config = readCommunicatorSettings(reader);
  expect(reader.diagnostics).toEqual([]);
  if (config?.type !== 'ssh') throw new Error('expected an ssh config');
  return config.ssh;
}

let sshd: TestSshd;
let workDir: string;
beforeAll(async () => {
  sshd = await startSshd();
  workDir = await mkdtemp(path.join(tmpdir(), 'kiln-ssh-int-'));
  await copyFile(sshd.privateKeyPath, path.join(workDir, 'id_ed25519'));
});
afterAll(async () => {
  await sshd?.stop();
  await rm(workDir, { recursive: true, force: true });
});

function base(extra: PluginConfig = {}): PluginConfig {
  return { ssh_host: sshd.host, ssh_port: sshd.port, ssh_username: sshd.user, ssh_timeout: '10s', ...extra };
}

describe('SSH communicator against OpenSSH', () => {
  it('logs in with a password, streams stdout and stderr apart and reports the exit status', async () => {
    const { ctx } = recordingContext(workDir);
    const comm = await openSshCommunicator(sshConfig(base({ ssh_password: sshd.password })), {}, ctx);
    expect(comm.address).toBe(`${sshd.user}@${sshd.host}:${sshd.port}`);
    const out: string[] = [];
    const err: string[] = [];
    const result = await comm.exec('echo one; sleep 0.2; echo two; echo oops >&2; exit 7', {
      onStdout: (t) => out.push(t),
      onStderr: (t) => err.push(t),
    });
    expect(result).toEqual({ exitStatus: 7, disconnected: false });
    expect(out.join('')).toBe('one\ntwo\n');
    expect(out.length).toBeGreaterThanOrEqual(2);
    expect(err.join('')).toBe('oops\n');
    const fed = await comm.exec('cat', { stdin: 'fed in', onStdout: (t) => out.push(t) });
    expect(fed.exitStatus).toBe(0);
    expect(out.at(-1)).toBe('fed in');
    await comm.close();
  });

  it('logs in with a private key file of the run folder, and refuses one outside it', async () => {
    const { ctx } = recordingContext(workDir);
    const comm = await openSshCommunicator(sshConfig(base({ ssh_private_key_file: 'id_ed25519' })), {}, ctx);
    const out: string[] = [];
    await comm.exec('id -un', { onStdout: (t) => out.push(t) });
    expect(out.join('').trim()).toBe(sshd.user);
    await comm.close();
    await expect(
      openSshCommunicator(sshConfig(base({ ssh_private_key_file: sshd.privateKeyPath })), {}, ctx),
    ).rejects.toMatchObject({
      failureClass: 'bad-config',
      message: expect.stringContaining("outside the run's folder"),
    });
  });

  it('logs in through the SSH agent', async () => {
    const socket = path.join(workDir, 'agent.sock');
    const started = spawnSync('ssh-agent', ['-a', socket, '-s'], { encoding: 'utf8' });
    const pid = Number(/SSH_AGENT_PID=(\d+)/.exec(started.stdout)?.[1]);
    expect(pid).toBeGreaterThan(0);
    const previous = process.env.SSH_AUTH_SOCK;
    try {
      const added = spawnSync('ssh-add', [sshd.privateKeyPath], {
        env: { SSH_AUTH_SOCK: socket },
        encoding: 'utf8',
      });
      expect(added.status).toBe(0);
      process.env.SSH_AUTH_SOCK = socket;
      const { ctx } = recordingContext(workDir);
      const comm = await openSshCommunicator(sshConfig(base({ ssh_agent_auth: true })), {}, ctx);
      const result = await comm.exec('true');
      expect(result.exitStatus).toBe(0);
      await comm.close();
    } finally {
      if (previous === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = previous;
      process.kill(pid, 'SIGTERM');
    }
  });

  it('logs in with a temporary key pair kept only in the build secrets', async () => {
    for (const type of ['ed25519', 'rsa'] as const) {
      const { ctx } = recordingContext(workDir);
      const ssh = sshConfig(
        base({ temporary_key_pair_type: type, temporary_key_pair_bits: type === 'rsa' ? 2048 : 0 }),
      );
      const step = temporaryKeyPairStep(() => ssh);
      const result = await step.run({}, emptyBuildState(), ctx);
      if (result.action !== 'continue') throw new Error('the key step did not continue');
      const { state } = result;
      expect(JSON.stringify(state)).not.toContain('PRIVATE KEY');
      expect(await ctx.secrets.get(TEMPORARY_KEY_SECRET)).toContain('PRIVATE KEY');
      expect(state.generated.SSHPublicKey).toMatch(
        type === 'rsa' ? /^ssh-rsa AAAA\S+ packer_[0-9a-f-]+$/ : /^ssh-ed25519 AAAA\S+ packer_[0-9a-f-]+$/,
      );
      await sshd.authorize(state.generated.SSHPublicKey!);
      const comm = await openSshCommunicator(ssh, temporaryKeyEndpoint(state), ctx);
      expect((await comm.exec('true')).exitStatus).toBe(0);
      await comm.close();

      // ssh_clear_authorized_keys: the image stops trusting the build's key; other keys stay.
      const keyPairName = state.generated.SSHPublicKey!.split(' ')[2]!;
      const clear = clearAuthorizedKeysStep(
        () => ({ ...ssh, clearAuthorizedKeys: true }),
        () => ({}),
      );
      expect((await clear.run({}, state, ctx)).action).toBe('continue');
      const authorized = await readFile(path.join(sshd.home, '.ssh', 'authorized_keys'), 'utf8');
      expect(authorized).not.toContain(keyPairName);
      expect(authorized).toContain(sshd.publicKey);
      await expect(
        openSshCommunicator({ ...ssh, handshakeAttempts: 1 }, temporaryKeyEndpoint(state), ctx),
      ).rejects.toMatchObject({
        failureClass: 'bad-config',
      });
    }
  });

  it('fails a wrong password as a refused login, naming the methods tried, not the password', async () => {
    const { ctx } = recordingContext(workDir);
    const error = await openSshCommunicator(
      sshConfig(base({ ssh_password: 'not-the-password', ssh_handshake_attempts: 1 })),
      {},
      ctx,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginFailure);
    expect(error).toMatchObject({ failureClass: 'bad-config' });
    expect((error as Error).message).toContain('tried: password, keyboard-interactive');
    expect((error as Error).message).not.toContain('not-the-password');
  });

  it('fails against a closed port within ssh_timeout, as timed out', async () => {
    const { ctx } = recordingContext(workDir);
    const port = await freePort();
    const started = Date.now();
    const error = await openSshCommunicator(
      sshConfig({
        ssh_host: '127.0.0.1',
        ssh_port: port,
        ssh_username: 'x',
        ssh_password: 'y',
        ssh_timeout: '2s',
      }),
      {},
      ctx,
    ).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ failureClass: 'timed-out' });
    expect((error as Error).message).toContain(`Timeout waiting for SSH to x@127.0.0.1:${port}`);
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(4000);
  });

  it('uploads and downloads files and folders over SFTP', async () => {
    const { ctx } = recordingContext(workDir);
    const comm = await openSshCommunicator(sshConfig(base({ ssh_password: sshd.password })), {}, ctx);
    const local = path.join(workDir, 'tree');
    await mkdir(path.join(local, 'sub'), { recursive: true });
    await writeFile(path.join(local, 'a.txt'), 'alpha');
    await writeFile(path.join(local, 'sub', 'run.sh'), '#!/bin/sh\necho run\n');
    await chmod(path.join(local, 'sub', 'run.sh'), 0o755);
    const big = Buffer.alloc(3 * 1024 * 1024, 7);
    await writeFile(path.join(workDir, 'big.bin'), big);

    await comm.upload(`${sshd.home}/hello.txt`, 'hello');
    await comm.uploadFile(path.join(workDir, 'big.bin'), `${sshd.home}/big.bin`, { mode: 0o600 });
    await comm.uploadDir(local, `${sshd.home}/deep/tree`);
    expect(await readFile(path.join(sshd.home, 'hello.txt'), 'utf8')).toBe('hello');
    expect((await stat(path.join(sshd.home, 'hello.txt'))).mode & 0o777).toBe(0o644);
    expect((await stat(path.join(sshd.home, 'big.bin'))).mode & 0o777).toBe(0o600);
    expect((await readFile(path.join(sshd.home, 'big.bin'))).equals(big)).toBe(true);
    expect(await readFile(path.join(sshd.home, 'deep/tree/sub/run.sh'), 'utf8')).toContain('echo run');
    const out: string[] = [];
    expect(
      (await comm.exec(`${sshd.home}/deep/tree/sub/run.sh`, { onStdout: (t) => out.push(t) })).exitStatus,
    ).toBe(0);
    expect(out.join('')).toBe('run\n');

    const back = path.join(workDir, 'back');
    await comm.downloadDir(`${sshd.home}/deep/tree`, back);
    await comm.downloadFile(`${sshd.home}/hello.txt`, path.join(workDir, 'hello.back'));
    expect((await readdir(back)).sort()).toEqual(['a.txt', 'sub']);
    expect(await readFile(path.join(back, 'a.txt'), 'utf8')).toBe('alpha');
    expect((await stat(path.join(back, 'sub', 'run.sh'))).mode & 0o777).toBe(0o755);
    expect(await readFile(path.join(workDir, 'hello.back'), 'utf8')).toBe('hello');
    await expect(comm.downloadFile(`${sshd.home}/missing`, path.join(workDir, 'x'))).rejects.toMatchObject({
      failureClass: 'provisioner-failed',
      message: expect.stringContaining(`download of ${sshd.home}/missing`),
    });
    await comm.close();
  });

  for (const pty of [true, false]) {
    it(`ends the remote command and its children when aborted, ${pty ? 'with a pty (hang-up)' : 'without a pty (its process group)'}`, async () => {
      const { ctx } = recordingContext(workDir);
      const comm = await openSshCommunicator(
        sshConfig(base({ ssh_password: sshd.password, ssh_pty: pty })),
        {},
        ctx,
      );
      const controller = new AbortController();
      const sleeper = pty ? 'sleep 300' : 'sleep 301';
      const err: string[] = [];
      const running = comm.exec(`echo started >&2; sh -c '${sleeper}; echo never'`, {
        signal: controller.signal,
        onStderr: (t) => err.push(t),
        onStdout: (t) => err.push(t),
      });
      await waitFor(async () => (await sshd.processes(sleeper)).length > 0, 5000);
      const started = Date.now();
      controller.abort();
      const result = await running;
      expect(result.exitStatus).not.toBe(0);
      await waitFor(async () => (await sshd.processes(sleeper)).length === 0, 5000);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(err.join('').replace(/\r/g, '')).toBe('started\n');
      await comm.close();
    });
  }
});

describe('SSH through a bastion', () => {
  let host: TestSshd;
  beforeAll(async () => {
    host = await startSshd({ namespace: true });
  });
  afterAll(() => host?.stop());

  it('reaches a listener only the namespace can see, through the bastion in it', async () => {
    const { ctx } = recordingContext(workDir);
    const inner = host.inner!;
    const direct = sshConfig({
      ssh_host: host.host,
      ssh_port: host.port,
      ssh_username: host.user,
      ssh_password: host.password,
      ssh_timeout: '5s',
    });
    // The namespace is a separate host: its own address answers directly.
    const first = await openSshCommunicator(direct, {}, ctx);
    const seen: string[] = [];
    await first.exec('echo "$SSH_CONNECTION"', { onStdout: (t) => seen.push(t) });
    await first.close();
    const prefix = host.host.replace(/\.2$/, '');
    expect(seen.join('').trim()).toMatch(new RegExp(`^${prefix}\\.1 \\d+ ${host.host} 22$`));
    const ssh = sshConfig({
      ssh_host: inner.host,
      ssh_port: inner.port,
      ssh_username: host.user,
      ssh_password: host.password,
      ssh_timeout: '5s',
      ssh_bastion_host: host.host,
      ssh_bastion_port: host.port,
      ssh_bastion_username: host.user,
      ssh_bastion_password: host.password,
    });
    const comm = await openSshCommunicator(ssh, {}, ctx);
    const out: string[] = [];
    expect((await comm.exec('echo "$SSH_CONNECTION"', { onStdout: (t) => out.push(t) })).exitStatus).toBe(0);
    // The target saw the connection come from the namespace's loopback, to its own loopback port.
    expect(out.join('').trim()).toMatch(new RegExp(`^127\\.0\\.0\\.1 \\d+ 127\\.0\\.0\\.1 ${inner.port}$`));
    await comm.upload(`${host.home}/via-bastion.txt`, 'hop');
    expect(await readFile(path.join(host.home, 'via-bastion.txt'), 'utf8')).toBe('hop');
    await comm.close();
  });
});
