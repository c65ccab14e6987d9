import { hasErrors, type PluginRegistry, parseTemplate, type TemplateFile, type Value } from '@kiln/engine';
import { createPluginRegistry } from '@kiln/plugins';
import { writeDiagnostics } from './diagnostics.ts';
import { parseFlags, UsageError } from './flags.ts';
import { legacyInspectText } from './inspect-legacy.ts';
import { type InspectView, inspectView } from './inspect-view.ts';
import type { CliIo } from './io.ts';
import { loadTemplate } from './load-template.ts';
import { goQuote, printableValue } from './printable-value.ts';

const SENSITIVE_TEXT = '<sensitive>';

/** Go's `sort.Strings` order (UTF-8 bytes). */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function valueLines(prefix: string, values: ReadonlyMap<string, Value>): string {
  return [...values.keys()]
    .sort(byteOrder)
    .map((name) => `${prefix}.${name}: ${goQuote(printableValue(values.get(name) as Value))}\n`)
    .join('');
}

function stepName(step: { type: string; name?: string }): string {
  return step.name ? `${step.type}.${step.name}` : step.type;
}

function variablesText(view: InspectView): string {
  return `> input-variables:\n\n${valueLines('var', view.variables)}\n> local-variables:\n\n${valueLines('local', view.locals)}`;
}

function buildsText(view: InspectView): string {
  let out = '> builds:\n';
  view.builds.forEach((build, i) => {
    out += `\n  > ${build.name || `<unnamed build ${i}>`}:\n`;
    if (build.description) out += `\n  > Description: ${build.description}\n`;
    out += '\n    sources:\n';
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
  return out;
}

/**
 * The HCL2 layout of `packer inspect`: three messages, each with every secret replaced by
 * `<sensitive>` as Packer's UI does.
 */
export function inspectText(view: InspectView): string {
  const hide = (message: string) =>
    view.secrets.reduce((text, secret) => text.split(secret).join(SENSITIVE_TEXT), message);
  return ['Packer Inspect: HCL2 mode\n', variablesText(view), buildsText(view)]
    .map((message) => `${hide(message)}\n`)
    .join('');
}

/** A legacy JSON template: a `.json` file that is not an HCL2 `.pkr.json` one. */
function isLegacyFile(file: TemplateFile): boolean {
  return file.filename.endsWith('.json') && !file.filename.endsWith('.pkr.json');
}

/**
 * `kiln inspect PATH`: the template's variables, locals and builds, as `packer inspect` shows
 * them (a legacy JSON template in Packer's JSON-mode layout). Like Packer, only errors of the parse phase (what `validate -syntax-only` checks) fail
 * the command; later ones only leave out what they concern.
 */
export async function runInspect(
  args: readonly string[],
  io: CliIo,
  plugins: PluginRegistry = createPluginRegistry(),
): Promise<number> {
  try {
    const flags = parseFlags(args, { values: ['var', 'var-file'] });
    const path = flags.positional[0];
    if (flags.positional.length !== 1 || path === undefined) throw new UsageError('Usage: kiln inspect PATH');
    const loaded = loadTemplate(io, path, flags);
    const parsed = parseTemplate(loaded.files, { ...loaded.options, syntaxOnly: true });
    if (!parsed.template || hasErrors(parsed.diagnostics))
      return writeDiagnostics(io, parsed.diagnostics, loaded.sources) || 1;
    writeDiagnostics(io, parsed.diagnostics, loaded.sources);
    const { template, diagnostics } = parseTemplate(loaded.files, loaded.options);
    if (!template) return writeDiagnostics(io, diagnostics, loaded.sources) || 1;
    const [only] = loaded.files;
    if (loaded.files.length === 1 && only && isLegacyFile(only)) {
      io.stdout(legacyInspectText(only.content, template));
      return 0;
    }
    io.stdout(inspectText(await inspectView(template, diagnostics, plugins)));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
