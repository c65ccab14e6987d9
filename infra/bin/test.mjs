#!/usr/bin/env node
// `npm test`: everything CI runs, in order, with a summary. Plain Node: no dependency of its own.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const only = process.argv.slice(2);

const stages = [
  ['tools', process.execPath, ['--import', 'tsx', 'infra/runtime/src/ensure-tools.ts']],
  ['lint', 'npx', ['biome', 'check', '.']],
  ['boundaries', process.execPath, ['tooling/boundaries/check.mjs']],
  ['eslint', 'npx', ['eslint', '.']],
  ['typecheck', 'npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only']],
  ['unit', 'npx', ['turbo', 'run', 'test', '--output-logs=full', '--concurrency=2']],
  ['integration', 'npx', ['turbo', 'run', 'test:int', '--output-logs=full', '--concurrency=1']],
  ['e2e', 'npm', ['run', 'e2e', '-w', '@kiln/e2e']],
  // HCL's own specification suite lives in ../shared beside the repository (CI has it).
  [
    'hcl-specsuite',
    'npm',
    ['run', 'bench:specsuite'],
    path.join(root, '..', 'shared', 'corpus', 'hcl-specsuite'),
  ],
];

const results = [];
for (const [name, command, args, needs] of stages) {
  if (only.length && !only.includes(name)) continue;
  if (needs && !existsSync(needs)) {
    console.log(`\n=== ${name}: NOT RUN: ${needs} is absent (it is test data kept beside the repository)`);
    results.push({ name, ok: true, seconds: '0.0', note: 'not run: data absent' });
    continue;
  }
  console.log(`\n=== ${name}: ${command === process.execPath ? 'node' : command} ${args.join(' ')}`);
  const started = Date.now();
  const run = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, ok: run.status === 0, seconds });
  console.log(
    `=== ${name}: ${run.status === 0 ? 'passed' : `FAILED (exit ${run.status ?? run.signal})`} in ${seconds} s`,
  );
}

console.log('\nnpm test summary:');
for (const r of results)
  console.log(`  ${r.ok ? 'ok    ' : 'FAILED'} ${r.name} (${r.note ?? `${r.seconds} s`})`);
const failed = results.filter((r) => !r.ok).length;
const notRun = results.filter((r) => r.note).length;
console.log(
  `${results.length - failed - notRun} passed, ${failed} failed${notRun ? `, ${notRun} skipped` : ''}`,
);
process.exit(failed ? 1 : 0);
