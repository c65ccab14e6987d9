import { type ChildProcess, spawn } from 'node:child_process';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const colors = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m'];

/** Writes each line of a child's output with a `[name]` prefix. */
export function prefixer(name: string, index: number, sink: NodeJS.WriteStream = process.stdout) {
  const color = sink.isTTY ? (colors[index % colors.length] ?? '') : '';
  const reset = sink.isTTY ? '\x1b[0m' : '';
  let pending = '';
  return (chunk: Buffer | string) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) sink.write(`${color}[${name}]${reset} ${line}\n`);
  };
}

/**
 * Starts a long-running child in its own process group, so that a terminal's Ctrl-C reaches only
 * the supervisor, which then stops children in order. `stop` sends SIGTERM to the group and
 * SIGKILL after `graceMs`.
 */
export function startManaged(
  name: string,
  index: number,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; graceMs?: number },
): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', prefixer(name, index));
  child.stderr?.on('data', prefixer(name, index, process.stderr));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const killer = setTimeout(() => signalGroup('SIGKILL'), options.graceMs ?? 10_000);
      child.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      signalGroup('SIGTERM');
    });
  return { name, child, stop };
}
