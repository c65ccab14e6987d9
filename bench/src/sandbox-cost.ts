import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LocalExecutor } from '@kiln/engine';
import { bubblewrapProblem, createBubblewrapExecutor, createProcessGroupExecutor } from '@kiln/plugins';

/**
 * The cost of the worker's sandbox per local step: runs `true` N times (`RUNS=n`, 50 by default)
 * through the bubblewrap executor and through the plain process-group executor of single-tenant
 * mode, alternately, and prints the median, p90 and minimum of each in milliseconds, then the
 * difference of the medians: what a sandboxed `shell-local` step costs on top.
 */
const runs = Number(process.env.RUNS ?? 50);
const problem = await bubblewrapProblem();
if (problem) {
  console.error(`The sandbox is not usable here, so nothing was measured: ${problem}`);
  process.exit(2);
}

const workRoot = await mkdtemp(path.join(tmpdir(), 'kiln-sandbox-cost-'));
const runDir = path.join(workRoot, '01BENCHRUN');
await mkdir(runDir);
try {
  const executors: [string, LocalExecutor][] = [
    ['bubblewrap', createBubblewrapExecutor({ workRoot })],
    ['process group', createProcessGroupExecutor()],
  ];
  const times = new Map<string, number[]>(executors.map(([name]) => [name, []]));
  // One run of each first, unmeasured: the page cache and the bwrap binary warm up.
  for (const [, executor] of executors) await step(executor);
  for (let i = 0; i < runs; i++) {
    for (const [name, executor] of executors) times.get(name)?.push(await step(executor));
  }
  console.log(`sandbox cost per local step, ${runs} runs of \`true\` each (ms)`);
  console.log(['executor', 'median', 'p90', 'min'].map((cell) => cell.padEnd(14)).join(''));
  for (const [name, samples] of times) {
    const row = [name, median(samples), quantile(samples, 0.9), Math.min(...samples)];
    console.log(row.map((cell) => (typeof cell === 'number' ? cell.toFixed(2) : cell).padEnd(14)).join(''));
  }
  const cost = median(times.get('bubblewrap') ?? []) - median(times.get('process group') ?? []);
  console.log(`sandbox cost per step (median difference): ${cost.toFixed(2)} ms`);
} finally {
  await rm(workRoot, { recursive: true, force: true });
}

async function step(executor: LocalExecutor): Promise<number> {
  const started = performance.now();
  const result = await executor.run({
    command: 'true',
    args: [],
    cwd: runDir,
    env: {},
    signal: new AbortController().signal,
    onLine: () => {},
  });
  const ms = performance.now() - started;
  if (result.exitCode !== 0)
    throw new Error(`true exited with ${result.exitCode} through ${executor.isolation}`);
  return ms;
}

function median(samples: number[]): number {
  return quantile(samples, 0.5);
}

function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (at - low);
}
