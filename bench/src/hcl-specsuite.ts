import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCase } from './specsuite/run-case.ts';

/**
 * Runs HCL's language test suite (../shared/corpus/hcl-specsuite/tests) against the engine's
 * parser and evaluator: one line per case, then `passed: N/M`. Exits non-zero when a case
 * fails or when ../shared is absent.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const suiteDir = resolve(repoRoot, '../shared/corpus/hcl-specsuite/tests');

if (!existsSync(suiteDir)) {
  console.error(`The HCL spec suite is not available: ${suiteDir} does not exist.`);
  console.error('It lives in ../shared beside the repository; without it nothing was tested.');
  process.exit(2);
}

function findCases(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...findCases(path));
    else if (entry.endsWith('.t')) out.push(path.slice(0, -2));
  }
  return out;
}

const cases = findCases(suiteDir);
let passed = 0;
for (const base of cases) {
  const name = relative(suiteDir, base);
  const read = (ext: string) => (existsSync(base + ext) ? readFileSync(base + ext, 'utf8') : undefined);
  const problems = runCase({
    name,
    input: read('.hcl') ?? '',
    spec: read('.hcldec') ?? '',
    expectation: read('.t') ?? '',
  });
  if (problems.length === 0) {
    passed++;
    console.log(`pass  ${name}`);
  } else {
    console.log(`FAIL  ${name}`);
    for (const p of problems) console.log(`        ${p.replace(/\n/g, '\n        ')}`);
  }
}
console.log(`passed: ${passed}/${cases.length}`);
process.exit(passed === cases.length ? 0 : 1);
