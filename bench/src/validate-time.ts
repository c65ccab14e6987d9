import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryIo, runValidate } from '@kiln/cli';

/**
 * Time of `validate` per template of Packer's corpus: Kiln in-process, Kiln through its `kiln`
 * executable (a new process each time, the built bundle), and stock Packer when KILN_PACKER_BIN
 * (or PACKER_BIN) names its binary.
 * `LIMIT=n` measures the first n targets only; KILN_CORPUS_DIR names the corpus folder. Prints milliseconds per template, then medians.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = process.env.KILN_CORPUS_DIR ?? resolve(repoRoot, '../shared/corpus/packer');
const expectedPath = join(corpusDir, 'EXPECTED.json');
if (!existsSync(expectedPath)) {
  console.error(`The Packer corpus is not available: ${expectedPath} does not exist.`);
  console.error('It lives in ../shared beside the repository; without it nothing was measured.');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const kilnBin = join(dirname(require.resolve('@kiln/cli/package.json')), 'bin', 'kiln.mjs');
const packerBin = process.env.KILN_PACKER_BIN ?? process.env.PACKER_BIN;
if (packerBin && !existsSync(packerBin)) {
  console.error(`KILN_PACKER_BIN is set to ${packerBin}, which does not exist.`);
  process.exit(2);
}
const limit = Number(process.env.LIMIT ?? Number.POSITIVE_INFINITY);
const targets = Object.keys(
  (JSON.parse(readFileSync(expectedPath, 'utf8')) as { targets: Record<string, unknown> }).targets,
)
  .sort()
  .slice(0, limit);

function timeProcess(command: string, args: string[], cwd: string): { ms: number; rc: number | null } {
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd,
    stdio: 'ignore',
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
  });
  if (result.error) throw new Error(`cannot run ${command}: ${result.error.message}`);
  return { ms: performance.now() - started, rc: result.status };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const inProcess: number[] = [];
const viaCli: number[] = [];
const viaPacker: number[] = [];
console.log(`template  kiln-in-process-ms  kiln-cli-ms${packerBin ? '  packer-ms' : ''}`);
for (const name of targets) {
  const path = join(corpusDir, name);
  const cwd = dirname(path);
  const arg = basename(path);
  const started = performance.now();
  await runValidate([arg], memoryIo({ cwd, env: {} }));
  const own = performance.now() - started;
  inProcess.push(own);
  const cli = timeProcess(process.execPath, [kilnBin, 'validate', arg], cwd);
  viaCli.push(cli.ms);
  let packerCell = '';
  if (packerBin) {
    const packer = timeProcess(packerBin, ['validate', arg], cwd);
    viaPacker.push(packer.ms);
    packerCell = `  ${packer.ms.toFixed(1)}`;
  }
  console.log(`${name}  ${own.toFixed(2)}  ${cli.ms.toFixed(1)}${packerCell}`);
}
console.log(`\ntemplates: ${targets.length}`);
console.log(`median kiln in-process: ${median(inProcess).toFixed(2)}ms`);
console.log(`median kiln cli process: ${median(viaCli).toFixed(1)}ms`);
if (packerBin) console.log(`median packer: ${median(viaPacker).toFixed(1)}ms`);
