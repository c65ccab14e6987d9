import { mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emptyBuildState, type LocalCommand } from '@kiln/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRunning, waitFor } from '../../test/processes.ts';
import { recordingContext } from '../../test/run-context.ts';
import { PluginFailure } from '../common/errors.ts';
import { shellLocalProvisioner } from '../provisioners/shell-local/index.ts';
import {
  bubblewrapProblem,
  createBubblewrapExecutor,
  createRefusingExecutor,
  SANDBOX_UID_RANGE,
  sandboxUid,
} from './bubblewrap-executor.ts';

let workRoot: string;
let runDir: string;
beforeEach(async () => {
  workRoot = await mkdtemp(path.join(tmpdir(), 'kiln-sandbox-'));
  runDir = path.join(workRoot, '01RUN');
  await mkdir(runDir);
});
afterEach(async () => {
  await rm(workRoot, { recursive: true, force: true });
});

function command(script: string, overrides: Partial<LocalCommand> = {}): LocalCommand & { lines: string[] } {
  const lines: string[] = [];
  return {
    command: '/bin/sh',
    args: ['-c', script],
    cwd: runDir,
    env: {},
    signal: new AbortController().signal,
    onLine: (stream, line) => lines.push(`${stream}:${line}`),
    ...overrides,
    lines,
  };
}

describe('the bubblewrap executor', () => {
  it('can build its sandbox on this machine', async () => {
    expect(await bubblewrapProblem()).toBeUndefined();
  });

  it('streams output in order per stream and reports the exit status, like a process group', async () => {
    const sandbox = createBubblewrapExecutor({ workRoot });
    const run = command('echo one; echo two >&2; printf three; exit 7');
    expect(await sandbox.run(run)).toEqual({ exitCode: 7, aborted: false });
    expect(run.lines).toEqual(expect.arrayContaining(['stdout:one', 'stderr:two', 'stdout:three']));
    expect(run.lines.filter((line) => line.startsWith('stdout:'))).toEqual(['stdout:one', 'stdout:three']);
  });

  it('reports a process ended by a signal as 128 + its number, and 127 for a missing program', async () => {
    const sandbox = createBubblewrapExecutor({ workRoot });
    expect((await sandbox.run(command('kill -TERM $$'))).exitCode).toBe(143);
    expect((await sandbox.run(command('', { command: 'no-such-program', args: [] }))).exitCode).toBe(127);
  });

  it('gives the command only its own env plus PATH, HOME and TMPDIR', async () => {
    const sandbox = createBubblewrapExecutor({ workRoot });
    const run = command('env | sort', { env: { PACKER_RUN_UUID: 'abc' } });
    await sandbox.run(run);
    expect(run.lines.map((line) => line.replace(/^stdout:/, '').split('=')[0]).sort()).toEqual([
      'HOME',
      'PACKER_RUN_UUID',
      'PATH',
      'PWD',
      'TMPDIR',
    ]);
  });

  it("runs as a uid of the run's own, writes only in the run's folder, and leaves its files there", async () => {
    const sandbox = createBubblewrapExecutor({ workRoot });
    await writeFile(path.join(workRoot, 'beside.txt'), 'x');
    const run = command(
      'id -u; whoami; echo made > made.txt; touch /usr/x 2>/dev/null || echo ro-usr; ls .. 2>/dev/null || echo no-list',
    );
    expect(await sandbox.run(run)).toEqual({ exitCode: 0, aborted: false });
    const uid = process.getuid?.() === 0 ? String(sandboxUid(runDir)) : '1000';
    expect(run.lines).toEqual([`stdout:${uid}`, 'stdout:kiln', 'stdout:ro-usr', 'stdout:no-list']);
    expect(await readFile(path.join(runDir, 'made.txt'), 'utf8')).toBe('made\n');
  });

  it.runIf(process.getuid?.() === 0)(
    'caps the processes of the run, so a fork bomb stays inside it',
    async () => {
      const sandbox = createBubblewrapExecutor({ workRoot });
      const run = command("grep '^Max processes' /proc/self/limits | tr -s ' '");
      await sandbox.run(run);
      expect(run.lines).toEqual(['stdout:Max processes 4096 4096 processes ']);
    },
  );

  it('picks the uid of a run from the sandbox range, the same for every step of the run', () => {
    const uid = sandboxUid('/data/builds/01A');
    expect(uid).toBe(sandboxUid('/data/builds/01A'));
    expect(uid).not.toBe(sandboxUid('/data/builds/01B'));
    expect(uid).toBeGreaterThanOrEqual(SANDBOX_UID_RANGE.first);
    expect(uid).toBeLessThan(SANDBOX_UID_RANGE.first + SANDBOX_UID_RANGE.count);
  });

  it('kills what the command left behind, detached or not, when it ends', async () => {
    const sandbox = createBubblewrapExecutor({ workRoot });
    const run = command(
      "setsid nohup sh -c 'sleep 30' </dev/null >/dev/null 2>&1 & (sleep 30 &) ; echo started",
    );
    expect(await sandbox.run(run)).toEqual({ exitCode: 0, aborted: false });
    const sleepers = await waitForNoSleepIn(runDir);
    expect(sleepers).toEqual([]);
  });

  it('heartbeats while the command runs and stops every process when aborted', async () => {
    const sandbox = createBubblewrapExecutor({ workRoot });
    const controller = new AbortController();
    let heartbeats = 0;
    const run = command('echo $$ > pid; echo started; sleep 30', {
      signal: controller.signal,
      onHeartbeat: () => {
        heartbeats++;
      },
    });
    const result = sandbox.run(run);
    await waitFor(() => run.lines.includes('stdout:started'));
    await new Promise((resolve) => setTimeout(resolve, 1200));
    controller.abort();
    expect(await result).toMatchObject({ aborted: true });
    expect(heartbeats).toBeGreaterThanOrEqual(1);
    expect(await waitForNoSleepIn(runDir)).toEqual([]);
  });

  it('refuses a working folder outside the work root', async () => {
    const sandbox = createBubblewrapExecutor({ workRoot });
    await expect(sandbox.run(command('true', { cwd: tmpdir() }))).rejects.toThrow(
      "a local command must run in a build run's work folder",
    );
    await expect(sandbox.run(command('true', { cwd: workRoot }))).rejects.toBeInstanceOf(PluginFailure);
  });
});

describe('the refusing executor', () => {
  it('fails every local step as bad configuration, saying why and what the operator does', async () => {
    const refusing = createRefusingExecutor('/usr/bin/bwrap is not installed');
    const failure = await refusing.run(command('true')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PluginFailure);
    expect(failure).toMatchObject({ failureClass: 'bad-config' });
    expect((failure as Error).message).toContain('/usr/bin/bwrap is not installed');
    expect((failure as Error).message).toContain('apt-get install bubblewrap');
    expect((failure as Error).message).toContain('KILN_SANDBOX=single-tenant');
    expect(refusing.isolation).toBe('none: local steps refused');
  });

  it('makes shell-local fail as bad configuration, not as a failed script', async () => {
    const { ctx } = recordingContext(runDir);
    const config = shellLocalProvisioner.prepare({ inline: ['echo hi'] }).config!;
    const failure = await shellLocalProvisioner
      .provision(config, emptyBuildState(), { ...ctx, local: createRefusingExecutor('no bwrap') })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ failureClass: 'bad-config' });
    expect((failure as Error).message).toContain('its bubblewrap sandbox is not usable (no bwrap)');
  });
});

/** The `sleep` processes on this machine whose working folder is `dir`, once they are gone or after 5 s. */
async function waitForNoSleepIn(dir: string): Promise<number[]> {
  const find = async () => {
    const found: number[] = [];
    for (const entry of await readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const [comm, cwd] = await Promise.all([
        readFile(`/proc/${entry}/comm`, 'utf8').catch(() => ''),
        readlink(`/proc/${entry}/cwd`).catch(() => ''),
      ]);
      if (comm.trim() === 'sleep' && cwd === dir && isRunning(Number(entry))) found.push(Number(entry));
    }
    return found;
  };
  await waitFor(async () => (await find()).length === 0).catch(() => {});
  return find();
}
