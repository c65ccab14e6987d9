import { hasErrors, parseTemplate, type Template, type Value } from '@kiln/engine';
import { writeDiagnostics } from './diagnostics.ts';
import { parseFlags, UsageError } from './flags.ts';
import type { CliIo } from './io.ts';
import { loadTemplate } from './load-template.ts';
import { goQuote, printableValue } from './printable-value.ts';

function valueLines(
  prefix: string,
  names: string[],
  values: ReadonlyMap<string, Value>,
  sensitive: Set<string>,
): string {
  return [...names]
    .sort()
    .map((name) => {
      const value = values.get(name);
      let text = value ? printableValue(sensitive.has(name) ? value.mark('sensitive') : value) : '<unknown>';
      if (value?.isKnown && value.isNull) text = 'null';
      return `${prefix}.${name}: ${goQuote(text)}\n`;
    })
    .join('');
}

function stepName(step: { type: string; name?: string }): string {
  return step.name ? `${step.type}.${step.name}` : step.type;
}

/** The HCL2 layout of `packer inspect`. */
export function inspectText(template: Template): string {
  let out = 'Packer Inspect: HCL2 mode\n\n> input-variables:\n\n';
  const sensitiveVars = new Set(template.variables.filter((v) => v.sensitive).map((v) => v.name));
  const sensitiveLocals = new Set(template.locals.filter((l) => l.sensitive).map((l) => l.name));
  out += valueLines(
    'var',
    [...new Set(template.variables.map((v) => v.name))],
    template.variableValues,
    sensitiveVars,
  );
  out += '\n> local-variables:\n\n';
  out += valueLines(
    'local',
    [...new Set(template.locals.map((l) => l.name))],
    template.localValues,
    sensitiveLocals,
  );
  out += '\n> builds:\n';
  // A build without sources is an error in Packer's decoder, which leaves it out of the list.
  template.builds
    .filter((build) => build.sources.length > 0)
    .forEach((build, i) => {
      out += `\n  > ${build.name || `<unnamed build ${i}>`}:\n`;
      if (build.description) out += `\n  > Description: ${build.description}\n`;
      out += '\n    sources:\n';
      if (build.sources.length === 0) out += '\n      <no source>\n';
      for (const ref of build.sources) out += `\n      ${ref.type}.${ref.localName ?? ref.name}\n`;
      out += '\n    provisioners:\n\n';
      if (build.provisioners.length === 0) out += '      <no provisioner>\n';
      for (const p of build.provisioners) out += `      ${stepName(p)}\n`;
      out += '\n    post-processors:\n';
      if (build.postProcessors.length === 0) out += '\n      <no post-processor>\n';
      build.postProcessors.forEach((chain, n) => {
        out += `\n      ${n}:\n`;
        for (const p of chain) out += `        ${stepName(p)}\n`;
      });
    });
  return `${out}\n`;
}

/** `kiln inspect PATH`: the template's variables, locals and builds, as `packer inspect` shows them. */
export async function runInspect(args: readonly string[], io: CliIo): Promise<number> {
  try {
    const flags = parseFlags(args, { values: ['var', 'var-file'] });
    const path = flags.positional[0];
    if (flags.positional.length !== 1 || path === undefined) throw new UsageError('Usage: kiln inspect PATH');
    const loaded = loadTemplate(io, path, flags);
    const { template, diagnostics } = parseTemplate(loaded.files, loaded.options);
    if (!template || hasErrors(diagnostics)) return writeDiagnostics(io, diagnostics, loaded.sources) || 1;
    io.stdout(inspectText(template));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
