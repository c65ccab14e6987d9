import { evaluate, hasErrors, parseNativeExpression, parseTemplate } from '@kiln/engine';
import { writeDiagnostics } from './diagnostics.ts';
import { parseFlags, UsageError } from './flags.ts';
import type { CliIo } from './io.ts';
import { type LoadedTemplate, loadTemplate } from './load-template.ts';
import { printableValue } from './printable-value.ts';

const INPUT = '<console-input>';

/**
 * `kiln console [PATH]`: evaluates each line of stdin as an expression in the template's context
 * (variables, locals, functions) and prints its value as `packer console` does. Stops at the first
 * error with exit code 1.
 */
export async function runConsole(args: readonly string[], io: CliIo): Promise<number> {
  try {
    const flags = parseFlags(args, { values: ['var', 'var-file'] });
    if (flags.positional.length > 1) throw new UsageError('Usage: kiln console [PATH]');
    const path = flags.positional[0];
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
