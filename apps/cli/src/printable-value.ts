import type { BigNum, Value } from '@kiln/engine';

const SENSITIVE_TEXT = '<sensitive>';
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** What Go's `unicode.IsPrint` accepts: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

const LETTER_ESCAPES: Record<string, string> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** Go's `%q` (`strconv.Quote`): a double-quoted string, non-printable characters escaped. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const letter = LETTER_ESCAPES[ch];
    if (letter !== undefined) out += letter;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (PRINTABLE.test(ch)) out += ch;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd';
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** Go's `%g` for a float64: the shortest digits, in exponent form below 1e-4 or from 1e6 on. */
export function goFormatFloat(n: number): string {
  if (n === Number.POSITIVE_INFINITY) return '+Inf';
  if (n === Number.NEGATIVE_INFINITY) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa = '', exponentText = '0'] = n.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const digits = Math.abs(exponent) < 10 ? `0${Math.abs(exponent)}` : String(Math.abs(exponent));
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${digits}`;
  }
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  const point = exponent + 1;
  const whole = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
  const fraction = point <= 0 ? '0'.repeat(-point) + digits : digits.slice(point);
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}

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
