import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Diagnostic, diagnosticLocation, hasErrors, parseTemplate, planBuilds } from '@kiln/engine';

/**
 * Compares the engine with stock Packer on Packer's own test templates (../shared/corpus/packer).
 * Kiln parses, decodes and plans each HCL2 target without plugins, so it is compared with two of
 * Packer's answers: a template Packer's full `validate` accepts must not be rejected (a false
 * rejection), and a template Packer's `validate -syntax-only` rejects must be rejected too (a miss).
 * Prints each disagreement, then the counts. Legacy JSON templates are counted apart.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = resolve(repoRoot, '../shared/corpus/packer');
const expectedPath = join(corpusDir, 'EXPECTED.json');

if (!existsSync(expectedPath)) {
  console.error(`The Packer corpus is not available: ${expectedPath} does not exist.`);
  console.error('It lives in ../shared beside the repository; without it nothing was measured.');
  process.exit(2);
}

interface Target {
  kind: 'file' | 'dir' | 'legacy-json';
  validate?: { rc: number; out: string };
  validate_syntax_only?: { rc: number; out: string };
}

const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as { targets: Record<string, Target> };

function templateFiles(path: string, kind: 'file' | 'dir') {
  const read = (p: string) => ({ filename: p.slice(corpusDir.length + 1), content: readFileSync(p, 'utf8') });
  if (kind === 'file') return { files: [read(path)], varFiles: [] };
  const names = readdirSync(path).sort();
  const files = names.filter((n) => /\.pkr\.(hcl|json)$/.test(n)).map((n) => read(join(path, n)));
  const varFiles = names
    .filter((n) => /\.auto\.pkrvars\.(hcl|json)$/.test(n))
    .map((n) => read(join(path, n)));
  return { files, varFiles };
}

function firstError(diagnostics: Diagnostic[]): string {
  const d = diagnostics.find((x) => x.severity === 'error');
  return d ? `${diagnosticLocation(d)} ${d.summary}: ${d.detail ?? ''}` : '';
}

let accepted = 0;
let falseRejections = 0;
let rejected = 0;
let misses = 0;
let legacy = 0;
for (const [name, target] of Object.entries(expected.targets).sort(([a], [b]) => a.localeCompare(b))) {
  if (target.kind === 'legacy-json') {
    legacy++;
    continue;
  }
  const path = join(corpusDir, name);
  if (!existsSync(path)) continue;
  const { files, varFiles } = templateFiles(path, statSync(path).isDirectory() ? 'dir' : target.kind);
  const { template, diagnostics } = parseTemplate(files, { varFiles, rootDir: path });
  const all = template ? [...diagnostics, ...planBuilds(template).diagnostics] : diagnostics;
  const kilnRejects = hasErrors(all);
  if (target.validate?.rc === 0) {
    accepted++;
    if (kilnRejects) {
      falseRejections++;
      console.log(`FALSE REJECTION  ${name}\n    kiln: ${firstError(all)}`);
    }
  }
  if (target.validate_syntax_only?.rc === 1) {
    rejected++;
    if (!kilnRejects) {
      misses++;
      const out = (target.validate_syntax_only.out ?? '').split('\n').slice(0, 3).join(' | ');
      console.log(`MISS             ${name}\n    packer: ${out}`);
    }
  }
}
console.log(`legacy JSON templates not compared: ${legacy}`);
console.log(`templates packer validate accepts: ${accepted}, kiln rejects ${falseRejections} of them`);
console.log(`templates packer -syntax-only rejects: ${rejected}, kiln misses ${misses} of them`);
console.log(`agreement: ${accepted - falseRejections + rejected - misses}/${accepted + rejected}`);
