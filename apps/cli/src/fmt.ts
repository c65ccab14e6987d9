import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Diagnostic, formatHcl } from '@kiln/engine';
import { writeDiagnostics } from './diagnostics.ts';
import { parseFlags, UsageError } from './flags.ts';
import type { CliIo } from './io.ts';

interface FmtOptions {
  check: boolean;
  diff: boolean;
  write: boolean;
  recursive: boolean;
}

const HCL_FILE = /(\.pkr\.hcl|\.pkrvars\.hcl)$/;

function ignored(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || (name.startsWith('#') && name.endsWith('#'));
}

/** `diff -u` of two texts, labelled old/PATH and new/PATH as Packer labels them. */
function unifiedDiff(before: string, after: string, path: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-fmt-'));
  try {
    writeFileSync(join(dir, 'old'), before);
    writeFileSync(join(dir, 'new'), after);
    const result = spawnSync(
      'diff',
      [`--label=old/${path}`, `--label=new/${path}`, '-u', join(dir, 'old'), join(dir, 'new')],
      {
        encoding: 'utf8',
      },
    );
    if (result.error) throw new Error(`cannot run diff for ${path}: ${result.error.message}`);
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

class Formatter {
  modified = 0;
  readonly diagnostics: Diagnostic[] = [];
  readonly sources = new Map<string, string>();

  constructor(
    private readonly io: CliIo,
    private readonly options: FmtOptions,
  ) {}

  private fail(path: string, detail: string): void {
    this.diagnostics.push({
      severity: 'error',
      summary: `encountered an error while formatting ${path}`,
      detail,
    });
  }

  async file(path: string): Promise<void> {
    const stdin = path === '-';
    if (!stdin && !HCL_FILE.test(path)) return this.fail(path, `file ${path} is not a HCL file`);
    let input: string;
    try {
      input = stdin ? await this.io.readStdin() : readFileSync(resolve(this.io.cwd, path), 'utf8');
    } catch (err) {
      return this.fail(path, `failed to read ${path}: ${(err as Error).message}`);
    }
    const { output, diagnostics } = formatHcl(input, path);
    if (diagnostics.some((d) => d.severity === 'error')) {
      this.sources.set(path, input);
      this.diagnostics.push(...diagnostics);
      return;
    }
    if (output === input) {
      if (stdin) this.io.stdout(output);
      return;
    }
    this.modified += Buffer.byteLength(output);
    if (!stdin) this.io.stdout(`${path}\n`);
    if (this.options.write) {
      if (stdin) this.io.stdout(output);
      else writeFileSync(resolve(this.io.cwd, path), output);
    }
    if (this.options.diff && !stdin) this.io.stdout(unifiedDiff(input, output, path));
  }

  async path(path: string): Promise<void> {
    let isDir = false;
    try {
      isDir = path !== '-' && statSync(resolve(this.io.cwd, path)).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) return this.file(path);
    for (const entry of readdirSync(resolve(this.io.cwd, path), { withFileTypes: true })) {
      if (ignored(entry.name)) continue;
      const child = join(path, entry.name);
      if (entry.isDirectory()) {
        if (this.options.recursive) await this.path(child);
      } else if (HCL_FILE.test(child)) {
        await this.file(child);
      }
    }
  }
}

/**
 * `kiln fmt`: rewrites HCL files to the canonical layout. With `-check` nothing is written and
 * the exit code is 3 when a file is not formatted; parse errors exit 1. `-` formats stdin to stdout.
 */
export async function runFmt(args: readonly string[], io: CliIo): Promise<number> {
  try {
    const flags = parseFlags(args, { booleans: ['check', 'diff', 'write', 'recursive'] });
    const path = flags.positional[0];
    if (flags.positional.length !== 1 || path === undefined)
      throw new UsageError('Usage: kiln fmt [-check] [-diff] [-recursive] [-write=false] PATH|-');
    const check = flags.booleans.get('check') === true;
    const formatter = new Formatter(io, {
      check,
      diff: flags.booleans.get('diff') === true,
      write: !check && flags.booleans.get('write') !== false,
      recursive: flags.booleans.get('recursive') === true,
    });
    await formatter.path(path);
    if (writeDiagnostics(io, formatter.diagnostics, formatter.sources) !== 0) return 1;
    return check && formatter.modified > 0 ? 3 : 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
