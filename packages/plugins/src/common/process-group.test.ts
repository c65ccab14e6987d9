import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRunning, waitFor } from '../../test/processes.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runProcessGroup } from './process-group.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kiln-process-group-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runProcessGroup', () => {
  it('reports the exit status and delivers a last line without a line break', async () => {
    const lines: string[] = [];
    const result = await runProcessGroup({
      command: '/bin/sh',
      args: ['-c', 'printf "a\\nb"; exit 7'],
      cwd: dir,
      env: process.env,
      signal: new AbortController().signal,
      onLine: (stream, line) => lines.push(`${stream}:${line}`),
    });
    expect(result).toEqual({ exitCode: 7, aborted: false });
    expect(lines).toEqual(['stdout:a', 'stdout:b']);
  });

  it('reports 127 when the command does not exist, like a shell', async () => {
    const result = await runProcessGroup({
      command: '/nonexistent/tool',
      args: [],
      cwd: dir,
      env: process.env,
      signal: new AbortController().signal,
      onLine: () => {},
    });
    expect(result.exitCode).toBe(127);
  });

  it('does not wait for a background process that keeps the output open', async () => {
    const startedAt = Date.now();
    const lines: string[] = [];
    const result = await runProcessGroup({
      command: '/bin/sh',
      args: ['-c', 'echo before; sleep 5 & echo after'],
      cwd: dir,
      env: process.env,
      signal: new AbortController().signal,
      onLine: (_stream, line) => lines.push(line),
      outputGraceMs: 200,
    });
    expect(result).toEqual({ exitCode: 0, aborted: false });
    expect(lines).toEqual(['before', 'after']);
    expect(Date.now() - startedAt).toBeLessThan(2000);
  });

  it('kills the group when the process that started it dies', async () => {
    const pidFile = path.join(dir, 'sleep.pid');
    const fixture = fileURLToPath(new URL('../../test/fixtures/run-until-killed.ts', import.meta.url));
    const parent = spawn(process.execPath, ['--import', 'tsx', fixture, pidFile], { stdio: 'ignore' });
    const sleepPid = await waitForPid(pidFile);
    expect(isRunning(sleepPid)).toBe(true);

    parent.kill('SIGKILL');
    await waitFor(() => !isRunning(sleepPid), 1000);
  });
});

async function waitForPid(file: string): Promise<number> {
  let pid = Number.NaN;
  await waitFor(async () => {
    pid = Number(await readFile(file, 'utf8').catch(() => ''));
    return pid > 0;
  }, 10_000);
  return pid;
}
