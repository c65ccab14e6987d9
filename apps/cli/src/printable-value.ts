import { type BigNum, goFormatFloat, goQuote, type Value } from '@kiln/engine';

export { goFormatFloat, goQuote };

const SENSITIVE_TEXT = '<sensitive>';
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A number as Packer's shim gives it to the printer: an int when it is one, otherwise a float64. */
function formatNumber(n: BigNum): string {
  if (n.isInteger()) {
    const i = n.toBigInt();
    if (i >= INT64_MIN && i <= INT64_MAX) return i.toString();
  }
  return goFormatFloat(n.toNumber());
}

/** Go's `sort.Strings`: byte order of the UTF-8 encoding. */
function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

function maskLines(text: string): string {
  return text
    .split('\n')
    .map(() => SENSITIVE_TEXT)
    .join('\n');
}

function render(value: Value, nested: boolean, sensitive: boolean): string {
  const hidden = sensitive || value.isSensitive;
  if (value.isNull) return 'null';
  const kind = value.type.kind;
  if (kind === 'string') {
    const text = hidden ? maskLines(value.asString()) : value.asString();
    return nested ? goQuote(text) : text;
  }
  if (kind === 'number' || kind === 'bool') {
    if (hidden) return nested ? goQuote(SENSITIVE_TEXT) : SENSITIVE_TEXT;
    return kind === 'number' ? formatNumber(value.asNumber()) : String(value.asBool());
  }
  if (kind === 'list' || kind === 'set' || kind === 'tuple') {
    const items = value.asArray();
    if (items.length === 0) return '[]';
    return `[\n${items.map((v) => `${indent(render(v, true, hidden))},\n`).join('')}]`;
  }
  // Null attributes are left out, as Packer's conversion to Go values drops them.
  const entries = [...value.asMap()].filter(([, v]) => !v.isNull).sort(([a], [b]) => compareUtf8(a, b));
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${indent(`${goQuote(k)} = ${render(v, true, hidden)}`)}\n`).join('')}}`;
}

/**
 * A value as Packer's `inspect` and `console` show it (its `PrintableCtyValue`): `<unknown>`
 * unless wholly known, strings as they are, other values in HCL-like syntax (lists and maps one
 * element per line, keys sorted, null attributes left out, nested strings Go-quoted, numbers as
 * Go prints an int or a float64). Parts marked sensitive show as `<sensitive>`.
 */
export function printableValue(value: Value): string {
  if (!value.isWhollyKnown) return '<unknown>';
  return render(value, false, false);
}
