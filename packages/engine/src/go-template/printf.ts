/**
 * `fmt.Sprintf` for the values of a Go template (`printf`): flags, width, precision, argument
 * indexes and the verbs that apply to strings, integers, floats, booleans, maps and slices,
 * with Go's `%!verb(type=value)` notes for mismatches, missing and extra arguments.
 */
import { goQuote } from './quote.ts';
import { type GoValue, formatFloat, goTypeName, printValue, sortedEntries } from './value.ts';

interface Spec {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
}

function pad(s: string, spec: Spec, zeroOk = false): string {
  const width = spec.width ?? 0;
  const length = Array.from(s).length;
  if (length >= width) return s;
  const fill = width - length;
  if (spec.minus) return s + ' '.repeat(fill);
  if (spec.zero && zeroOk) {
    const sign = /^[-+ ]/.test(s) ? (s[0] as string) : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return ' '.repeat(fill) + s;
}

function signed(negative: boolean, body: string, spec: Spec): string {
  return (negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '') + body;
}

function quoteRune(code: number): string {
  const c = String.fromCodePoint(code);
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  return `'${goQuote(c).slice(1, -1)}'`;
}

function formatInt(n: bigint, verb: string, spec: Spec): string | undefined {
  const negative = n < 0n;
  const a = negative ? -n : n;
  let digits: string;
  switch (verb) {
    case 'v':
    case 'd':
      digits = a.toString(10);
      break;
    case 'b':
      digits = a.toString(2);
      break;
    case 'o':
    case 'O':
      digits = a.toString(8);
      break;
    case 'x':
      digits = a.toString(16);
      break;
    case 'X':
      digits = a.toString(16).toUpperCase();
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(n)), spec);
    case 'q':
      return pad(quoteRune(Number(n)), spec);
    case 'U': {
      const u = `U+${a.toString(16).toUpperCase().padStart(4, '0')}`;
      return pad(spec.sharp ? `${u} '${String.fromCodePoint(Number(n))}'` : u, spec);
    }
    default:
      return undefined;
  }
  if (spec.prec !== undefined) {
    digits = spec.prec === 0 && a === 0n ? '' : digits.padStart(spec.prec, '0');
  }
  let prefix = '';
  if (verb === 'O') prefix = '0o';
  else if (spec.sharp && verb === 'o' && !digits.startsWith('0')) prefix = '0';
  else if (spec.sharp && verb === 'x') prefix = '0x';
  else if (spec.sharp && verb === 'X') prefix = '0X';
  else if (spec.sharp && verb === 'b') prefix = '0b';
  return pad(signed(negative, prefix + digits, spec), spec, spec.prec === undefined);
}

function formatFloatVerb(f: number, verb: string, spec: Spec): string | undefined {
  const defaults: Record<string, [string, number]> = {
    v: ['g', -1],
    g: ['g', -1],
    G: ['G', -1],
    e: ['e', 6],
    E: ['E', 6],
    x: ['x', -1],
    X: ['X', -1],
    f: ['f', 6],
    F: ['f', 6],
  };
  const chosen = defaults[verb];
  if (!chosen) return undefined;
  const text = formatFloat(f, chosen[0], spec.prec ?? chosen[1], spec.sharp);
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text.replace(/^\+/, '');
  if (body === 'NaN' || body === 'Inf') {
    const s =
      body === 'NaN'
        ? spec.plus
          ? '+NaN'
          : spec.space
            ? ' NaN'
            : 'NaN'
        : signed(negative, body, { ...spec, plus: true });
    return pad(s, spec);
  }
  return pad(signed(negative, body, spec), spec, true);
}

function formatString(s: string, verb: string, spec: Spec): string | undefined {
  const truncated = spec.prec === undefined ? s : Array.from(s).slice(0, spec.prec).join('');
  switch (verb) {
    case 'v':
    case 's':
      return pad(truncated, spec);
    case 'q':
      return pad(spec.sharp && !truncated.includes('`') ? `\`${truncated}\`` : goQuote(truncated), spec);
    case 'x':
    case 'X': {
      const bytes = Array.from(new TextEncoder().encode(truncated), (b) => b.toString(16).padStart(2, '0'));
      const hex = bytes.map((b) => (spec.sharp ? `0x${b}` : b)).join(spec.space ? ' ' : '');
      return pad(verb === 'X' ? hex.toUpperCase() : hex, spec);
    }
    default:
      return undefined;
  }
}

/** One operand with one verb; undefined when the verb does not apply to the operand. */
function formatOne(v: GoValue, verb: string, spec: Spec): string | undefined {
  switch (v.kind) {
    case 'string':
      return formatString(v.value, verb, spec);
    case 'int':
      return formatInt(v.value, verb, spec);
    case 'float64':
      return formatFloatVerb(v.value, verb, spec);
    case 'bool':
      return verb === 'v' || verb === 't' ? pad(String(v.value), spec) : undefined;
    case 'nil':
      return verb === 'v' ? pad('<nil>', spec) : undefined;
    case 'invalid':
      return verb === 'v' ? pad('<invalid reflect.Value>', spec) : undefined;
    case 'complex128':
      return verb === 'v' ? pad(printValue(v), spec) : undefined;
    case 'slice':
      return `[${v.items.map((x) => formatOrBad(x, verb, spec)).join(' ')}]`;
    case 'map':
      return `map[${sortedEntries(v)
        .map(
          ([k, x]) =>
            `${formatOrBad({ kind: 'string', value: k }, verb, spec)}:${formatOrBad(x, verb, spec)}`,
        )
        .join(' ')}]`;
  }
}

function formatOrBad(v: GoValue, verb: string, spec: Spec): string {
  return formatOne(v, verb, spec) ?? badVerb(v, verb);
}

function badVerb(v: GoValue, verb: string): string {
  if (v.kind === 'nil') return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${printValue(v)})`;
}

/** `fmt.Sprintf(format, args...)`. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  const chars = Array.from(format);
  let i = 0;
  // `[n]` before a width, a precision or a verb: the n-th argument, counted from 1.
  const argIndex = (): boolean => {
    if (chars[i] !== '[') return true;
    reordered = true;
    const close = chars.indexOf(']', i);
    const n = close < 0 ? Number.NaN : Number(chars.slice(i + 1, close).join(''));
    if (close < 0 || !Number.isInteger(n) || n < 1) {
      i = close < 0 ? chars.length : close + 1;
      return false;
    }
    argNum = n - 1;
    i = close + 1;
    return true;
  };
  while (i < chars.length) {
    const c = chars[i] as string;
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    const spec: Spec = { plus: false, minus: false, sharp: false, space: false, zero: false };
    for (; i < chars.length; i++) {
      const f = chars[i];
      if (f === '+') spec.plus = true;
      else if (f === '-') spec.minus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = !spec.minus;
      else break;
    }
    let good = argIndex();
    const starArg = (): number | undefined => {
      const a = args[argNum];
      argNum++;
      if (a?.kind !== 'int') return undefined;
      return Number(a.value);
    };
    if (chars[i] === '*') {
      i++;
      const w = starArg();
      if (w === undefined) out += '%!(BADWIDTH)';
      else if (w < 0) Object.assign(spec, { minus: true, zero: false, width: -w });
      else spec.width = w;
      good = argIndex() && good;
    } else {
      const m = /^[0-9]+/.exec(chars.slice(i).join(''));
      if (m) {
        spec.width = Number(m[0]);
        i += m[0].length;
      }
    }
    if (chars[i] === '.') {
      i++;
      good = argIndex() && good;
      if (chars[i] === '*') {
        i++;
        const p = starArg();
        if (p === undefined || p < 0) out += '%!(BADPREC)';
        else spec.prec = p;
        good = argIndex() && good;
      } else {
        const m = /^[0-9]*/.exec(chars.slice(i).join('')) as RegExpExecArray;
        spec.prec = Number(m[0] || '0');
        i += m[0].length;
      }
    }
    if (!reordered) good = argIndex() && good;
    const verb = chars[i];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    i++;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (!good) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    const arg = args[argNum];
    if (arg === undefined) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    argNum++;
    if (verb === 'T')
      out += pad(arg.kind === 'nil' || arg.kind === 'invalid' ? '<nil>' : goTypeName(arg), spec);
    else if (verb === 'v' && spec.sharp) out += pad(goSyntax(arg), spec);
    else out += formatOrBad(arg, verb, spec);
  }
  if (!reordered && argNum < args.length) {
    out += `%!(EXTRA ${args
      .slice(argNum)
      .map((a) => (a.kind === 'nil' ? '<nil>' : `${goTypeName(a)}=${printValue(a)}`))
      .join(', ')})`;
  }
  return out;
}

/** `%#v`: the value as Go source. */
function goSyntax(v: GoValue): string {
  switch (v.kind) {
    case 'string':
      return goQuote(v.value);
    case 'nil':
      return 'interface {}(nil)';
    case 'map':
      return `${v.type}{${sortedEntries(v)
        .map(([k, x]) => `${goQuote(k)}:${goSyntax(x)}`)
        .join(', ')}}`;
    case 'slice':
      return `${v.type}{${v.items.map(goSyntax).join(', ')}}`;
    case 'float64': {
      const s = formatFloat(v.value, 'g', -1);
      return /[.eIN]/.test(s) ? s : `${s}`;
    }
    default:
      return printValue(v);
  }
}
