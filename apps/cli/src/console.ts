import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluate, hasErrors, parseNativeExpression, parseTemplate } from '@kiln/engine';
import { writeDiagnostics } from './diagnostics.ts';
import { parseFlags, UsageError } from './flags.ts';
import type { CliIo } from './io.ts';
import { type LoadedTemplate, loadTemplate } from './load-template.ts';
import { printableValue } from './printable-value.ts';

const INPUT = '<console-input>';

const CONFIG_TYPES = ['hcl2', 'json'] as const;
type ConfigType = (typeof CONFIG_TYPES)[number];

/** Packer's `-config-type`: the last one given; Kiln's console is HCL2 unless told otherwise. */
function configType(values: readonly string[] | undefined): ConfigType {
  const value = values?.at(-1) ?? 'hcl2';
  if (!(CONFIG_TYPES as readonly string[]).includes(value)) {
    throw new UsageError(
      `invalid value "${value}" for flag -config-type: expected one of ${CONFIG_TYPES.join(', ')}`,
    );
  }
  return value as ConfigType;
}

/** Whether Packer would read PATH as HCL2 whatever `-config-type` says (its `GetConfigType`). */
function isHclPath(io: CliIo, path: string): boolean {
  if (path.endsWith('.pkr.hcl') || path.endsWith('.pkr.json')) return true;
  try {
    return statSync(resolve(io.cwd, path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `kiln console [-config-type=hcl2] [PATH]`: evaluates each line of stdin as an expression in the
 * template's context (variables, locals, functions) and prints its value as `packer console`
 * does. Stops at the first error with exit code 1. Legacy JSON mode (`-config-type=json` without
 * an HCL2 path) is not supported and says so.
 */
export async function runConsole(args: readonly string[], io: CliIo): Promise<number> {
  try {
    const flags = parseFlags(args, { values: ['var', 'var-file', 'config-type'] });
    if (flags.positional.length > 1) throw new UsageError('Usage: kiln console [-config-type=hcl2] [PATH]');
    const path = flags.positional[0];
    const type = configType(flags.values.get('config-type'));
    if (type === 'json' && (path === undefined || path === '-' || !isHclPath(io, path))) {
      throw new UsageError(
        `kiln console: legacy JSON console mode (-config-type=json) is not supported; use -config-type=hcl2 or an HCL2 template (*.pkr.hcl, *.pkr.json or a folder)`,
      );
    }
    const loaded: LoadedTemplate = path
      ? loadTemplate(io, path, flags)
      : { ...loadTemplate(io, '.', { ...flags, positional: [] }), files: [{ filename: INPUT, content: '' }] };
    const { template, diagnostics } = parseTemplate(loaded.files, loaded.options);
    if (!template || hasErrors(diagnostics)) return writeDiagnostics(io, diagnostics, loaded.sources) || 1;
    const input = await io.readStdin();
    for (const line of input.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      const sources = new Map([...loaded.sources, [INPUT, line]]);
      const parsed = parseNativeExpression(line, INPUT);
      if (hasErrors(parsed.diagnostics)) return writeDiagnostics(io, parsed.diagnostics, sources);
      const { value, diagnostics: evalDiagnostics } = evaluate(parsed.expr, template.context);
      if (hasErrors(evalDiagnostics)) return writeDiagnostics(io, evalDiagnostics, sources);
      io.stdout(`${printableValue(value)}\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
