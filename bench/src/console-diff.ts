import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryIo, runConsole } from '@kiln/cli';
import { mapParallel } from './parallel.ts';

/**
 * Compares the values of expressions in Kiln's console with stock `packer console`.
 *
 * Reads `bench/expressions/*.txt` (one expression per line, `#` comments), copies
 * `bench/expressions/fixture/` to a temporary folder and evaluates every expression there against
 * its `console.pkr.hcl` with both: Packer once per expression (piped, Packer answers only the
 * last line of its stdin), Kiln in-process. Values and verdicts must match exactly; errors on both
 * sides agree when both fail, and the pairs whose wording differs are listed apart. The last line
 * is `agreement: <agreeing>/<compared> (<percent>%)`.
 *
 * Environment: KILN_PACKER_BIN (default /tmp/packer-build/packer), KILN_CONSOLE_JOBS (parallel
 * Packer processes, default twice the CPU count), KILN_CONSOLE_FILTER (only expressions
 * containing this text).
 */
const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const expressionsDir = join(benchDir, 'expressions');
const fixtureDir = join(expressionsDir, 'fixture');
const TEMPLATE = 'console.pkr.hcl';
const PACKER_TIMEOUT_MS = 60_000;

interface Expression {
  source: string;
  line: number;
  text: string;
}

type Answer = { ok: true; value: string } | { ok: false; error: string };

function readExpressions(): Expression[] {
  const filter = process.env.KILN_CONSOLE_FILTER;
  const files = readdirSync(expressionsDir)
    .filter((name) => name.endsWith('.txt'))
    .sort();
  const expressions: Expression[] = [];
  for (const name of files) {
    const lines = readFileSync(join(expressionsDir, name), 'utf8').split('\n');
    lines.forEach((raw, i) => {
      const text = raw.trim();
      if (text === '' || text.startsWith('#')) return;
      if (filter && !text.includes(filter)) return;
      expressions.push({ source: name, line: i + 1, text });
    });
  }
  return expressions;
}

/**
 * The errors of a console run without where they are: the `on <file> line N:` line and the
 * source line or placeholder under it go, the rest is joined on single spaces.
 */
function errorText(output: string): string {
  const kept: string[] = [];
  const lines = output.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^ {2}on .* line \d+/.test(line)) {
      const next = lines[i + 1] ?? '';
      if (/^ {2}(\(source code not available\)|\s*\d+: )/.test(next)) i++;
      continue;
    }
    kept.push(line.trim());
  }
  return kept
    .filter((l) => l !== '')
    .join(' ')
    .trim();
}

function answerOf(rc: number, out: string, err: string): Answer {
  if (rc === 0) return { ok: true, value: out.endsWith('\n') ? out.slice(0, -1) : out };
  return { ok: false, error: errorText(`${err}\n${out}`) || `exit code ${rc}` };
}

/**
 * Packer evaluates piped input only when its stdin is a named pipe (Node's are sockets), so the
 * expression goes through a shell pipe; it comes in the environment, never in the command text.
 */
function runPacker(bin: string, cwd: string, home: string, expression: string): Promise<Answer> {
  return new Promise((done) => {
    const script =
      'printf \'%s\\n\' "$KILN_EXPRESSION" | "$KILN_PACKER" console -config-type=hcl2 "$KILN_TEMPLATE"';
    const child = spawn('/bin/sh', ['-c', script], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        CHECKPOINT_DISABLE: '1',
        PACKER_PLUGIN_PATH: join(home, 'plugins'),
        KILN_EXPRESSION: expression,
        KILN_PACKER: bin,
        KILN_TEMPLATE: TEMPLATE,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), PACKER_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      done({ ok: false, error: `could not run Packer: ${e.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal) done({ ok: false, error: `Packer ended by ${signal}` });
      // Packer writes the errors and then the (empty) last result on stdout.
      else done(answerOf(code ?? 1, code === 0 ? out : out.replace(/\n+$/, ''), err));
    });
  });
}

async function runKiln(cwd: string, expression: string): Promise<Answer> {
  const io = memoryIo({ cwd, stdin: `${expression}\n`, env: {} });
  try {
    const rc = await runConsole(['-config-type=hcl2', TEMPLATE], io);
    return answerOf(rc, io.out, io.err);
  } catch (error) {
    return { ok: false, error: `crash: ${(error as Error).stack ?? String(error)}` };
  }
}

function show(answer: Answer): string {
  return answer.ok ? `value ${JSON.stringify(answer.value)}` : `error ${JSON.stringify(answer.error)}`;
}

async function main(): Promise<void> {
  const packerBin = process.env.KILN_PACKER_BIN ?? '/tmp/packer-build/packer';
  if (!existsSync(packerBin)) {
    console.log(`Stock Packer is not available at ${packerBin} (set KILN_PACKER_BIN): nothing was compared.`);
    return;
  }
  const expressions = readExpressions();
  const jobs = Number(process.env.KILN_CONSOLE_JOBS) || availableParallelism() * 2;
  const scratch = mkdtempSync(join(tmpdir(), 'kiln-console-diff-'));
  const workDir = join(scratch, 'work');
  const home = join(scratch, 'home');
  try {
    cpSync(fixtureDir, workDir, { recursive: true });
    mkdirSync(home);
    const started = Date.now();
    const packer = await mapParallel(expressions, jobs, (e) => runPacker(packerBin, workDir, home, e.text));
    const packerSeconds = (Date.now() - started) / 1000;
    const kiln: Answer[] = [];
    for (const e of expressions) kiln.push(await runKiln(workDir, e.text));

    const disagreements: string[] = [];
    const wording: string[] = [];
    expressions.forEach((e, i) => {
      const p = packer[i] as Answer;
      const k = kiln[i] as Answer;
      const where = `${e.source}:${e.line}`;
      if (p.ok && k.ok && p.value === k.value) return;
      if (!p.ok && !k.ok) {
        if (p.error !== k.error)
          wording.push(`${where}  ${e.text}\n    packer: ${p.error}\n    kiln:   ${k.error}`);
        return;
      }
      disagreements.push(`${where}  ${e.text}  packer: ${show(p)}  kiln: ${show(k)}`);
    });

    console.log(`Errors worded differently (both fail; informative): ${wording.length}`);
    for (const w of wording) console.log(w);
    console.log('');
    console.log(`Disagreements: ${disagreements.length}`);
    for (const d of disagreements) console.log(d);
    console.log('');
    console.log(`Packer: ${expressions.length} processes, ${jobs} at a time, ${packerSeconds.toFixed(1)} s`);
    const agreeing = expressions.length - disagreements.length;
    const percent = expressions.length === 0 ? 100 : (100 * agreeing) / expressions.length;
    console.log(`agreement: ${agreeing}/${expressions.length} (${percent.toFixed(1)}%)`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
