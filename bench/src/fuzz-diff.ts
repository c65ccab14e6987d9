import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryIo, runConsole, runValidate } from '@kiln/cli';
import { mapParallel } from './parallel.ts';
import { ExpressionGenerator, Random, type TemplateCase, TemplateGenerator } from './fuzz/grammar.ts';

/**
 * Differential fuzzer: generates expressions and templates from a grammar (seeded, so a seed and
 * an index name a case) and compares `kiln console` / `kiln validate` with stock Packer's.
 *
 * Expressions are evaluated against bench/expressions/fixture/console.pkr.hcl: Packer reads them
 * from stdin, many per process (a socket on stdin keeps its console line-by-line, every answer
 * followed by a separator expression), Kiln in-process. A case agrees when both print the same
 * value or both fail. Templates are validated one per Packer process and in-process by Kiln; they
 * agree when both accept or both refuse. Disagreements are grouped by class (the function or
 * construct involved, and which side failed) with one example each, and the last line is
 * `agreement: <agreeing>/<compared> (<percent>%)`.
 *
 * Environment: KILN_PACKER_BIN (stock Packer), FUZZ_SEED (default 1), FUZZ_EXPRESSIONS (default
 * 10000), FUZZ_TEMPLATES (default 1000), FUZZ_BATCH (expressions per Packer process, 500), FUZZ_JOBS (Packer processes at a time, 2),
 * FUZZ_SHOW (examples printed per class, 1).
 */
const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtureDir = join(benchDir, 'expressions', 'fixture');
const TEMPLATE = 'console.pkr.hcl';
const BATCH_TIMEOUT_MS = 120_000;
const SEPARATOR = 'kiln-fuzz-separator';

type Answer = { ok: true; value: string } | { ok: false; error: string };

const numberEnv = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

/** Error output without where it happened, on one line (Packer wraps its details). */
function errorText(output: string): string {
  return output
    .split('\n')
    .filter((l) => !/^ {2}on .* line \d+/.test(l) && !/^ {2}(\(source code not available\)|\s*\d+: )/.test(l))
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}

function answerFromConsole(chunk: string): Answer {
  // Packer ends each answer with one newline of its own.
  const text = chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk;
  if (/^Error: /m.test(text)) return { ok: false, error: errorText(text) };
  return { ok: true, value: text };
}

/** Packer's answers to a batch of expressions, one console process (restarted past a hang). */
async function packerConsole(
  bin: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  lines: string[],
): Promise<Answer[]> {
  const answers: Answer[] = [];
  while (answers.length < lines.length) {
    const rest = lines.slice(answers.length);
    const got = await packerConsoleOnce(bin, cwd, env, rest);
    answers.push(...got);
    if (got.length < rest.length)
      answers.push({ ok: false, error: 'packer did not answer (timeout or crash)' });
  }
  return answers;
}

function packerConsoleOnce(
  bin: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  lines: string[],
): Promise<Answer[]> {
  return new Promise((done) => {
    const child: ChildProcessWithoutNullStreams = spawn(bin, ['console', '-config-type=hcl2', TEMPLATE], {
      cwd,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), BATCH_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.stderr.resume();
    child.on('close', () => {
      clearTimeout(timer);
      const chunks = out.split(`${SEPARATOR}\n`);
      // The text after the last separator belongs to an expression that did not finish.
      done(chunks.slice(0, -1).map(answerFromConsole).slice(0, lines.length));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(lines.map((l) => `${l}\n"${SEPARATOR}"\n`).join(''));
  });
}

async function kilnConsole(cwd: string, line: string): Promise<Answer> {
  const io = memoryIo({ cwd, stdin: `${line}\n`, env: {} });
  try {
    const rc = await runConsole(['-config-type=hcl2', TEMPLATE], io);
    return rc === 0
      ? { ok: true, value: io.out.replace(/\n$/, '') }
      : { ok: false, error: errorText(`${io.err}\n${io.out}`) };
  } catch (error) {
    return { ok: false, error: `kiln crashed: ${(error as Error).stack ?? String(error)}` };
  }
}

function packerValidate(bin: string, cwd: string, env: NodeJS.ProcessEnv, filename: string): Promise<Answer> {
  return new Promise((done) => {
    const child = spawn(bin, ['validate', filename], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) done({ ok: true, value: '' });
      else done({ ok: false, error: errorText(out) || `exit ${code ?? signal}` });
    });
  });
}

async function kilnValidate(cwd: string, filename: string): Promise<Answer> {
  const io = memoryIo({ cwd, env: {} });
  try {
    const rc = await runValidate([filename], io);
    return rc === 0 ? { ok: true, value: '' } : { ok: false, error: errorText(`${io.err}\n${io.out}`) };
  } catch (error) {
    return { ok: false, error: `kiln crashed: ${(error as Error).stack ?? String(error)}` };
  }
}

/** The class of a disagreement: the outermost function or construct, and who failed. */
function classOf(kind: 'console' | 'validate', text: string, packer: Answer, kiln: Answer): string {
  const verdict =
    packer.ok && kiln.ok ? 'values differ' : packer.ok ? 'only kiln fails' : 'only packer fails';
  if (kind === 'validate') {
    const first = (kiln.ok ? packer : kiln) as { error: string };
    return `validate ${text.trimStart().startsWith('{') ? 'legacy JSON' : 'HCL2'}: ${verdict}: ${first.error.slice(0, 60)}`;
  }
  const call = /^([a-z_0-9]+)\(/.exec(text)?.[1];
  const construct =
    call ??
    (text.startsWith('[for') || text.startsWith('{ for')
      ? 'for'
      : text.startsWith('"')
        ? 'template'
        : 'expression');
  return `console ${construct}: ${verdict}`;
}

function show(a: Answer): string {
  return a.ok ? `value ${JSON.stringify(a.value)}` : `error ${JSON.stringify(a.error.slice(0, 300))}`;
}

async function main(): Promise<void> {
  const packerBin = process.env.KILN_PACKER_BIN ?? '/tmp/packer-build/packer';
  if (!existsSync(packerBin)) {
    console.log(`Stock Packer is not available at ${packerBin} (set KILN_PACKER_BIN): nothing was compared.`);
    return;
  }
  const seed = numberEnv('FUZZ_SEED', 1);
  const expressionCount = numberEnv('FUZZ_EXPRESSIONS', 10_000);
  const templateCount = numberEnv('FUZZ_TEMPLATES', 1_000);
  const batch = numberEnv('FUZZ_BATCH', 500);
  const examples = numberEnv('FUZZ_SHOW', 1);
  const scratch = mkdtempSync(join(tmpdir(), 'kiln-fuzz-'));
  const home = join(scratch, 'home');
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    CHECKPOINT_DISABLE: '1',
    PACKER_PLUGIN_PATH: join(home, 'plugins'),
  };
  const classes = new Map<string, string[]>();
  let compared = 0;
  let agreeing = 0;
  const record = (kind: 'console' | 'validate', text: string, packer: Answer, kiln: Answer) => {
    compared++;
    if (packer.ok === kiln.ok && (!packer.ok || (packer.ok && kiln.ok && packer.value === kiln.value))) {
      agreeing++;
      return;
    }
    const key = classOf(kind, text, packer, kiln);
    const list = classes.get(key) ?? [];
    list.push(
      `${text.length > 400 ? `${text.slice(0, 400)}…` : text}\n      packer: ${show(packer)}\n      kiln:   ${show(kiln)}`,
    );
    classes.set(key, list);
  };
  try {
    mkdirSync(home);
    const workDir = join(scratch, 'work');
    cpSync(fixtureDir, workDir, { recursive: true });

    const random = new Random(seed);
    const generator = new ExpressionGenerator(random);
    const expressions = Array.from({ length: expressionCount }, () => generator.expression());
    let started = Date.now();
    const batches: string[][] = [];
    for (let i = 0; i < expressions.length; i += batch) batches.push(expressions.slice(i, i + batch));
    const jobs = numberEnv('FUZZ_JOBS', 2);
    const packerAnswers = (
      await mapParallel(batches, jobs, (b) => packerConsole(packerBin, workDir, env, b))
    ).flat();
    const packerSeconds = (Date.now() - started) / 1000;
    started = Date.now();
    for (const [i, text] of expressions.entries())
      record('console', text, packerAnswers[i] as Answer, await kilnConsole(workDir, text));
    const kilnSeconds = (Date.now() - started) / 1000;
    const consoleAgreeing = agreeing;

    const templates = new TemplateGenerator(random);
    const cases = Array.from({ length: templateCount }, (_, i) => {
      const t: TemplateCase = templates.template();
      const dir = join(scratch, 'templates', String(i));
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, t.filename), t.content);
      return { ...t, dir };
    });
    started = Date.now();
    const packerVerdicts = await mapParallel(cases, jobs, (t) =>
      packerValidate(packerBin, t.dir, env, t.filename),
    );
    const packerValidateSeconds = (Date.now() - started) / 1000;
    started = Date.now();
    for (const [i, t] of cases.entries())
      record('validate', t.content, packerVerdicts[i] as Answer, await kilnValidate(t.dir, t.filename));
    const validateSeconds = { packer: packerValidateSeconds, kiln: (Date.now() - started) / 1000 };

    const sorted = [...classes].sort((a, b) => b[1].length - a[1].length);
    console.log(`Disagreements by class (${sorted.length} classes):`);
    for (const [key, cases] of sorted) {
      console.log(`  ${cases.length}  ${key}`);
      for (const c of cases.slice(0, examples)) console.log(`    e.g. ${c}`);
    }
    console.log('');
    console.log(
      `seed ${seed}: ${expressionCount} expressions (Packer ${batches.length} processes, ${packerSeconds.toFixed(1)} s; Kiln in-process ${kilnSeconds.toFixed(1)} s), ${templateCount} templates (Packer ${validateSeconds.packer.toFixed(1)} s; Kiln ${validateSeconds.kiln.toFixed(1)} s)`,
    );
    console.log(
      `console agreement: ${consoleAgreeing}/${expressionCount} (${((100 * consoleAgreeing) / Math.max(expressionCount, 1)).toFixed(2)}%)`,
    );
    const templateAgreeing = agreeing - consoleAgreeing;
    console.log(
      `validate agreement: ${templateAgreeing}/${templateCount} (${((100 * templateAgreeing) / Math.max(templateCount, 1)).toFixed(2)}%)`,
    );
    console.log(
      `agreement: ${agreeing}/${compared} (${((100 * agreeing) / Math.max(compared, 1)).toFixed(2)}%)`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
