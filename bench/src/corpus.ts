import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryIo, runFmt, runInspect, runValidate } from '@kiln/cli';

/**
 * Compares Kiln's CLI with stock Packer on Packer's own test templates (../shared/corpus/packer).
 * For each target, from the target's folder as Packer ran it: `validate -syntax-only`, `validate`
 * and, for HCL files, `fmt -check` plus the SHA-256 of `fmt -`; and `inspect`'s output, shown
 * apart (informative). Prints Kiln's exit code beside
 * Packer's per column, the time per target, the totals, the validate disagreements that come from
 * a plugin only one side has, the other disagreements, and last the overall agreement.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = resolve(repoRoot, '../shared/corpus/packer');
const expectedPath = join(corpusDir, 'EXPECTED.json');

if (!existsSync(expectedPath)) {
  console.error(`The Packer corpus is not available: ${expectedPath} does not exist.`);
  console.error('It lives in ../shared beside the repository; without it nothing was measured.');
  process.exit(2);
}

interface Answer {
  rc: number;
  out: string;
}

interface Target {
  kind: 'file' | 'dir' | 'legacy-json';
  validate: Answer;
  validate_syntax_only: Answer;
  inspect: Answer;
  fmt_check?: number;
  fmt_rc?: number;
  fmt_sha256?: string;
}

interface Column {
  name: string;
  agree: number;
  compared: number;
}

const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as { targets: Record<string, Target> };

const UNKNOWN_PLUGIN =
  /Unknown (?:source|builder|provisioner|post-processor|data|datasource) type|Missing plugins|is unknown by Packer/;

function firstLines(text: string, count: number): string {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, count)
    .join(' | ');
}

async function run(
  command: typeof runValidate | typeof runFmt | typeof runInspect,
  args: string[],
  cwd: string,
  stdin?: string,
): Promise<{ rc: number; out: string; err: string }> {
  const io = memoryIo({ cwd, env: {}, ...(stdin === undefined ? {} : { stdin }) });
  try {
    const rc = await command(args, io);
    return { rc, out: io.out, err: io.err };
  } catch (err) {
    return { rc: -1, out: io.out, err: `${io.err}crash: ${(err as Error).stack ?? String(err)}` };
  }
}

const columns = {
  syntax: { name: 'validate -syntax-only', agree: 0, compared: 0 } as Column,
  validate: { name: 'validate (without plugin gaps)', agree: 0, compared: 0 } as Column,
  fmtCheck: { name: 'fmt -check', agree: 0, compared: 0 } as Column,
  fmtBytes: { name: 'fmt - (sha256)', agree: 0, compared: 0 } as Column,
};
/**
 * Exact `inspect` output of HCL2 targets: shown, not part of the agreement. Values that differ on
 * every run (RFC 3339 times, 14-digit timestamps, UUIDs) are masked alike on both sides, and the
 * corpus folder is written `<corpus>` in Kiln's output as it is in Packer's recorded one.
 */
const inspectColumn: Column = {
  name: 'inspect output (HCL2, informative; times, timestamps, UUIDs, corpus path masked)',
  agree: 0,
  compared: 0,
};
/** The same for legacy JSON templates, which Packer inspects in its JSON-mode layout. */
const legacyInspectColumn: Column = {
  name: 'inspect output (legacy JSON, informative; same masks)',
  agree: 0,
  compared: 0,
};
const PER_RUN_VALUES: [RegExp, string][] = [
  [/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g, '<time>'],
  [/\b\d{14}\b/g, '<timestamp>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
];
function maskPerRun(text: string): string {
  const placed = text.split(corpusDir).join('<corpus>');
  return PER_RUN_VALUES.reduce((out, [pattern, placeholder]) => out.replace(pattern, placeholder), placed);
}
const pluginGaps: string[] = [];
const disagreements: string[] = [];
let totalMs = 0;

const verdict = (kiln: number, packer: number | undefined) =>
  `${kiln}/${packer ?? '-'}${packer === undefined || kiln === packer ? ' ' : '*'}`;

console.log(
  'target  [syntax-only kiln/packer] [validate kiln/packer] [fmt -check kiln/packer] [fmt bytes] time',
);
for (const [name, target] of Object.entries(expected.targets).sort(([a], [b]) => a.localeCompare(b))) {
  const path = join(corpusDir, name);
  const cwd = dirname(path);
  const arg = basename(path);
  const started = performance.now();

  const syntax = await run(runValidate, ['-syntax-only', arg], cwd);
  columns.syntax.compared++;
  if (syntax.rc === target.validate_syntax_only.rc) columns.syntax.agree++;
  else
    disagreements.push(
      `syntax-only ${name}: kiln ${syntax.rc} (${firstLines(syntax.err, 2)}) packer ${target.validate_syntax_only.rc} (${firstLines(target.validate_syntax_only.out, 2)})`,
    );

  const validate = await run(runValidate, [arg], cwd);
  if (validate.rc === target.validate.rc) {
    columns.validate.compared++;
    columns.validate.agree++;
  } else if (UNKNOWN_PLUGIN.test(target.validate.out) || UNKNOWN_PLUGIN.test(validate.err)) {
    pluginGaps.push(
      `${name}: kiln ${validate.rc} (${firstLines(validate.err, 1) || 'valid'}) packer ${target.validate.rc} (${firstLines(target.validate.out, 1)})`,
    );
  } else {
    columns.validate.compared++;
    disagreements.push(
      `validate ${name}: kiln ${validate.rc} (${firstLines(validate.err, 2) || 'valid'}) packer ${target.validate.rc} (${firstLines(target.validate.out, 2)})`,
    );
  }

  let fmtCell = '';
  if (target.fmt_check !== undefined) {
    const check = await run(runFmt, ['-check', arg], cwd);
    columns.fmtCheck.compared++;
    if (check.rc === target.fmt_check) columns.fmtCheck.agree++;
    else disagreements.push(`fmt -check ${name}: kiln ${check.rc} packer ${target.fmt_check}`);
    const piped = await run(runFmt, ['-'], cwd, readFileSync(path, 'utf8'));
    const sha = createHash('sha256').update(piped.out).digest('hex');
    columns.fmtBytes.compared++;
    const same = piped.rc === target.fmt_rc && (target.fmt_sha256 === undefined || sha === target.fmt_sha256);
    if (same) columns.fmtBytes.agree++;
    else
      disagreements.push(
        `fmt - ${name}: kiln rc ${piped.rc} sha ${sha} packer rc ${target.fmt_rc} sha ${target.fmt_sha256}`,
      );
    fmtCell = `${verdict(check.rc, target.fmt_check)} ${same ? 'same ' : 'DIFF '}`;
  }
  const inspected = await run(runInspect, [arg], cwd);
  const inspectColumnOf = target.kind === 'legacy-json' ? legacyInspectColumn : inspectColumn;
  inspectColumnOf.compared++;
  const inspectSame =
    inspected.rc === target.inspect.rc &&
    (inspected.rc !== 0 || maskPerRun(inspected.out) === maskPerRun(target.inspect.out));
  if (inspectSame) inspectColumnOf.agree++;
  const inspectCell = inspectSame ? 'inspect-same ' : 'inspect-DIFF ';
  const ms = performance.now() - started;
  totalMs += ms;
  console.log(
    `${name}  ${verdict(syntax.rc, target.validate_syntax_only.rc)} ${verdict(validate.rc, target.validate.rc)} ${fmtCell}${inspectCell}${ms.toFixed(1)}ms`,
  );
}

console.log('\ndisagreements:');
for (const line of disagreements) console.log(`  ${line}`);
console.log(`\nvalidate disagreements from a plugin one side lacks (${pluginGaps.length}, not compared):`);
for (const line of pluginGaps) console.log(`  ${line}`);
console.log('\ntotals:');
for (const c of Object.values(columns)) console.log(`  ${c.name}: ${c.agree}/${c.compared}`);
for (const c of [inspectColumn, legacyInspectColumn]) console.log(`  ${c.name}: ${c.agree}/${c.compared}`);
console.log(`  time: ${totalMs.toFixed(0)}ms for ${Object.keys(expected.targets).length} targets`);
const agree = Object.values(columns).reduce((n, c) => n + c.agree, 0);
const compared = Object.values(columns).reduce((n, c) => n + c.compared, 0);
console.log(`agreement: ${agree}/${compared} (${((100 * agree) / compared).toFixed(1)}%)`);
