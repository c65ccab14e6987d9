import type { Value } from '@kiln/engine';

const SENSITIVE_TEXT = '<sensitive>';

function quoteHcl(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, '%%{');
  return `"${escaped}"`;
}

function maskLines(text: string): string {
  return text
    .split('\n')
    .map(() => SENSITIVE_TEXT)
    .join('\n');
}

function render(value: Value, indent: string, top: boolean, sensitive: boolean): string {
  const hidden = sensitive || value.isSensitive;
  if (!value.isKnown) return top ? '<unknown>' : '"<unknown>"';
  if (value.isNull) return 'null';
  const kind = value.type.kind;
  if (kind === 'string') {
    const text = hidden ? maskLines(value.asString()) : value.asString();
    return top ? text : quoteHcl(text);
  }
  if (kind === 'number' || kind === 'bool') {
    const text = kind === 'number' ? value.asNumber().toString() : String(value.asBool());
    if (!hidden) return text;
    return top ? SENSITIVE_TEXT : `"${SENSITIVE_TEXT}"`;
  }
  const inner = `${indent}  `;
  if (kind === 'list' || kind === 'set' || kind === 'tuple') {
    const items = value.asArray();
    if (items.length === 0) return '[]';
    return `[\n${items.map((v) => `${inner}${render(v, inner, false, hidden)},\n`).join('')}${indent}]`;
  }
  const entries = [...value.asMap()];
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${quoteHcl(k)} = ${render(v, inner, false, hidden)}\n`).join('')}${indent}}`;
}

/**
 * A value as Packer's `inspect` and `console` show it: strings as they are, other values in HCL
 * syntax (lists and maps one element per line), sensitive parts as `<sensitive>`, unknown ones
 * as `<unknown>`.
 */
export function printableValue(value: Value): string {
  return render(value, '', true, false);
}

/** Go's `%q` for the strings Packer prints: a double-quoted string with escapes. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
