import type { Template } from '@kiln/engine';

const SENSITIVE_TEXT = '<sensitive>';
const NOTE =
  "\nNote: If your build names contain user variables or template\nfunctions such as 'timestamp', these are processed at build time,\nand therefore only show in their raw form here.\n";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

function text(value: Json | undefined): string {
  return typeof value === 'string' ? value : '';
}

function variablesText(raw: { [key: string]: Json }): string {
  const variables = isObject(raw.variables) ? raw.variables : {};
  const names = Object.keys(variables).sort();
  if (names.length === 0) return 'Variables:\n\n  <No variables>\n';
  const sensitiveDefaults = new Set(
    list(raw['sensitive-variables'])
      .filter((name): name is string => typeof name === 'string' && name in variables)
      .map((name) => text(variables[name])),
  );
  const width = Math.max(...names.map((n) => n.length));
  const required = names.filter((n) => variables[n] === null);
  let out = '';
  if (required.length > 0) out += `Required variables:\n\n${required.map((n) => `  ${n}\n`).join('')}\n`;
  out += 'Optional variables and their defaults:\n\n';
  for (const name of names) {
    const value = variables[name] ?? null;
    if (value === null) continue;
    const shown = sensitiveDefaults.has(text(value)) ? SENSITIVE_TEXT : text(value);
    out += `  ${name.padEnd(width)} = ${shown}\n`;
  }
  return out;
}

function buildersText(raw: { [key: string]: Json }): string {
  const builders = list(raw.builders)
    .filter(isObject)
    .map((b) => ({ type: text(b.type), name: text(b.name) || text(b.type) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (builders.length === 0) return 'Builders:\n\n  <No builders>\n';
  const width = Math.max(...builders.map((b) => b.name.length));
  const lines = builders.map((b) => {
    const padded = `  ${b.name.padEnd(width)}`;
    return b.name === b.type ? padded : `${padded} (${b.type})`;
  });
  return `Builders:\n\n${lines.map((l) => `${l}\n`).join('')}`;
}

function provisionersText(raw: { [key: string]: Json }): string {
  const types = list(raw.provisioners)
    .filter(isObject)
    .map((p) => text(p.type));
  if (types.length === 0) return 'Provisioners:\n\n  <No provisioners>\n';
  return `Provisioners:\n\n${types.map((t) => `  ${t}\n`).join('')}`;
}

/** The strings of the sensitive variables' values, which Packer's UI replaces by `<sensitive>`. */
function legacySecrets(raw: { [key: string]: Json }, template: Template): string[] {
  const secrets: string[] = [];
  for (const name of list(raw['sensitive-variables'])) {
    if (typeof name !== 'string') continue;
    const value = template.variableValues.get(name)?.unmarkDeep().value;
    if (value?.isKnown && !value.isNull && value.type.kind === 'string' && value.asString() !== '')
      secrets.push(value.asString());
  }
  return secrets.sort((a, b) => b.length - a.length);
}

/**
 * The JSON-mode layout of `packer inspect` for a legacy JSON template: variables with their raw
 * defaults, builders by name and type, provisioner types, from the template's own `content`;
 * the values of sensitive variables (from the decoded `template`) are hidden.
 */
export function legacyInspectText(content: string, template: Template): string {
  const parsed = JSON.parse(content) as Json;
  const raw = isObject(parsed) ? parsed : {};
  let out = 'Packer Inspect: JSON mode\n';
  const description = text(raw.description);
  if (description !== '') out += `Description:\n\n${description}\n\n`;
  out += `${variablesText(raw)}\n${buildersText(raw)}\n${provisionersText(raw)}${NOTE}`;
  return legacySecrets(raw, template).reduce((t, secret) => t.split(secret).join(SENSITIVE_TEXT), out);
}
