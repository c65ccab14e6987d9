import {
  evaluateDatasources,
  hasErrors,
  parseTemplate,
  type PluginRegistry,
  validateTemplate,
} from '@kiln/engine';
import { createPluginRegistry } from '@kiln/plugins';
import { writeDiagnostics } from './diagnostics.ts';
import { listFlag, parseFlags, UsageError } from './flags.ts';
import type { CliIo } from './io.ts';
import { loadTemplate } from './load-template.ts';

const USAGE =
  'Usage: kiln validate [-syntax-only] [-evaluate-datasources] [-var k=v]... [-var-file f]... [-only a,b] [-except a,b] PATH';

/**
 * `kiln validate`: parses and decodes the template, then checks every build against the plugins.
 * `-syntax-only` stops after Packer's parse phase (structure, declarations, given variable values);
 * `-evaluate-datasources` runs the data sources and validates with their values (the registry data
 * sources need Kiln's registry, which a local run does not have). Exit code 0 when valid, 1
 * otherwise, like `packer validate`.
 */
export async function runValidate(
  args: readonly string[],
  io: CliIo,
  plugins: PluginRegistry = createPluginRegistry(),
): Promise<number> {
  try {
    const flags = parseFlags(args, {
      booleans: ['syntax-only', 'no-warn-undeclared-var', 'evaluate-datasources'],
      values: ['var', 'var-file', 'only', 'except'],
    });
    const path = flags.positional[0];
    if (flags.positional.length !== 1 || path === undefined) throw new UsageError(USAGE);
    const loaded = loadTemplate(io, path, flags);
    const syntaxOnly = flags.booleans.get('syntax-only') === true;
    const { template, diagnostics } = parseTemplate(loaded.files, { ...loaded.options, syntaxOnly });
    if (!template || hasErrors(diagnostics)) return writeDiagnostics(io, diagnostics, loaded.sources) || 1;
    if (syntaxOnly) {
      writeDiagnostics(io, diagnostics, loaded.sources);
      io.stdout('Syntax-only check passed. Everything looks okay.\n');
      return 0;
    }
    const evaluated =
      flags.booleans.get('evaluate-datasources') === true && template.datasources.length > 0
        ? await evaluateDatasources(template, plugins)
        : { template, diagnostics: [] };
    if (hasErrors(evaluated.diagnostics)) {
      return writeDiagnostics(io, [...diagnostics, ...evaluated.diagnostics], loaded.sources) || 1;
    }
    const only = listFlag(flags, 'only');
    const except = listFlag(flags, 'except');
    const checked = validateTemplate(evaluated.template, plugins, {
      ...(only.length > 0 ? { only } : {}),
      ...(except.length > 0 ? { except } : {}),
    });
    const all = [...diagnostics, ...evaluated.diagnostics, ...checked];
    if (writeDiagnostics(io, all, loaded.sources) !== 0) return 1;
    io.stdout('The configuration is valid.\n');
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
