import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';

export interface ProcessGroupOptions {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Aborting stops the whole process group: SIGTERM, then SIGKILL after `killGraceMs`. */
  signal: AbortSignal;
  /** Each complete line of output as it arrives, in order per stream, without the line break. */
  onLine(stream: 'stdout' | 'stderr', line: string): void;
  /** Called every `heartbeatMs` while the process runs. */
  onHeartbeat?(): void;
  heartbeatMs?: number;
  killGraceMs?: number;
  /** How long output may still arrive after the command exited. */
  outputGraceMs?: number;
}

export interface ProcessGroupResult {
  /** The exit status; a process ended by a signal reports 128 + the signal number, like a shell. */
  exitCode: number;
  /** True when the run ended because `signal` was aborted. */
  aborted: boolean;
}

/**
 * The group leader: runs the command in the background of the same process group and watches its own
 * stdin, a pipe from this process. When this process dies, however abruptly, the pipe closes and the
 * watcher kills the whole group, so no script outlives the worker that started it.
 */
const GROUP_LEADER = [
  'exec 3<&0',
  '"$@" 0</dev/null &',
  'child=$!',
  '{ read -r _ || kill -KILL 0; } <&3 &',
  'watcher=$!',
  'wait "$child"',
  'status=$?',
  'kill "$watcher" 2>/dev/null',
  'exit "$status"',
].join('\n');

/**
 * Runs a command in its own process group and streams its output line by line. The group is killed
 * on abort and when this process dies, so nothing it started is left running.
 */
export function runProcessGroup(options: ProcessGroupOptions): Promise<ProcessGroupResult> {
  const { signal, heartbeatMs = 1000, killGraceMs = 2000, outputGraceMs = 1000 } = options;
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      resolve({ exitCode: -1, aborted: true });
      return;
    }
    const child = spawn(
      '/bin/sh',
      ['-c', GROUP_LEADER, 'kiln-process-group', options.command, ...options.args],
      {
        cwd: options.cwd,
        env: options.env,
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let aborted = false;
    let killTimer: NodeJS.Timeout | undefined;
    const killGroup = (sig: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // The group is already gone.
      }
    };
    const onAbort = () => {
      aborted = true;
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), killGraceMs);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const heartbeat = options.onHeartbeat ? setInterval(options.onHeartbeat, heartbeatMs) : undefined;

    const interfaces = (['stdout', 'stderr'] as const).map((stream) => {
      const lines = createInterface({ input: child[stream], crlfDelay: Number.POSITIVE_INFINITY });
      lines.on('line', (line) => options.onLine(stream, line));
      return lines;
    });
    const readers = interfaces.map((lines) => new Promise<void>((done) => lines.once('close', done)));

    const finish = () => {
      signal.removeEventListener('abort', onAbort);
      if (heartbeat) clearInterval(heartbeat);
      if (killTimer) clearTimeout(killTimer);
      child.stdin.destroy();
    };
    child.once('error', (error) => {
      finish();
      reject(error);
    });
    child.once('exit', (code, sig) => {
      const exitCode = code ?? (sig ? 128 + signalNumber(sig) : -1);
      // Lines still buffered in the pipes are delivered before the result. A background process the
      // command left behind may hold the pipes open: it gets `outputGraceMs`, then the pipes close.
      const grace = setTimeout(() => {
        for (const lines of interfaces) lines.close();
        child.stdout.destroy();
        child.stderr.destroy();
      }, outputGraceMs);
      void Promise.all(readers).then(() => {
        clearTimeout(grace);
        finish();
        resolve({ exitCode, aborted });
      });
    });
  });
}

function signalNumber(sig: NodeJS.Signals): number {
  return constants.signals[sig] ?? 0;
}
