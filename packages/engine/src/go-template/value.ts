/**
 * The values a Go template works with while it runs, as `reflect.Value`s of the kinds Packer's
 * template data and functions produce: strings, ints, float64s, booleans, maps and slices of
 * them, a nil interface, and the invalid value Go prints as `<no value>`.
 */

export type GoValue =
  /** The zero `reflect.Value`: a missing field or map entry. */
  | { kind: 'invalid' }
  /** A nil `interface {}` handed to a function taking one (`print nil`). */
  | { kind: 'nil' }
  | { kind: 'string'; value: string }
  | { kind: 'int'; value: bigint }
  | { kind: 'float64'; value: number }
  | { kind: 'complex128'; value: [number, number] }
  | { kind: 'bool'; value: boolean }
  /** Keys are strings here (Packer's data has no other keys); `type` is Go's type name. */
  | { kind: 'map'; type: string; entries: ReadonlyMap<string, GoValue>; elem: 'string' | 'interface {}' }
  | { kind: 'slice'; type: string; items: readonly GoValue[] };

export const INVALID: GoValue = { kind: 'invalid' };
export const NIL: GoValue = { kind: 'nil' };
export const goString = (value: string): GoValue => ({ kind: 'string', value });
export const goInt = (value: bigint): GoValue => ({ kind: 'int', value });
export const goBool = (value: boolean): GoValue => ({ kind: 'bool', value });

/** Go's name of the value's type (`string`, `map[string]string`). */
export function goTypeName(v: GoValue): string {
  switch (v.kind) {
    case 'invalid':
      return '<invalid reflect.Value>';
    case 'nil':
      return 'interface {}';
    case 'map':
    case 'slice':
      return v.type;
    default:
      return v.kind;
  }
}

/** `isTrue` of exec.go: the empty string, 0, false, empty collections and nothing are false. */
export function goTruth(v: GoValue): boolean {
  switch (v.kind) {
    case 'invalid':
    case 'nil':
      return false;
    case 'string':
      return v.value.length > 0;
    case 'int':
      return v.value !== 0n;
    case 'float64':
      return v.value !== 0;
    case 'complex128':
      return v.value[0] !== 0 || v.value[1] !== 0;
    case 'bool':
      return v.value;
    case 'map':
      return v.entries.size > 0;
    case 'slice':
      return v.items.length > 0;
  }
}

/** Go's map iteration order for printing and `range`: keys sorted. */
export function sortedEntries(v: Extract<GoValue, { kind: 'map' }>): [string, GoValue][] {
  return [...v.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Go's `%v` of a float64 (`strconv.FormatFloat(f, 'g', -1, 64)`): shortest digits, in exponent form below 1e-4 or from 1e6 on. */
export function goFormatFloat(f: number): string {
  return formatFloat(f, 'g', -1);
}

/** `strconv.FormatFloat(f, fmt, prec, 64)` for `e`, `E`, `f`, `g`, `G` (prec -1: shortest). */
export function formatFloat(f: number, verb: string, prec: number, sharp = false): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  const negative = f < 0 || Object.is(f, -0);
  const a = Math.abs(f);
  const sign = negative ? '-' : '';
  const expText = (e: number, upper: boolean) =>
    `${upper ? 'E' : 'e'}${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  const exponential = (digits: string, e: number, upper: boolean) =>
    `${digits[0]}${digits.length > 1 || sharp ? '.' : ''}${digits.slice(1)}${expText(e, upper)}`;
  // The decimal digits and exponent: shortest, or rounded to `count` significant digits.
  const decompose = (count?: number): [string, number] => {
    const [m, e] = (
      count === undefined ? a.toExponential() : toExponentialEven(a, Math.max(count - 1, 0))
    ).split('e');
    return [(m as string).replace('.', ''), Number(e)];
  };
  switch (verb) {
    case 'x':
    case 'X':
      return sign + hexFloat(a, prec, verb === 'X');
    case 'e':
    case 'E': {
      const [digits, e] = decompose(prec < 0 ? undefined : prec + 1);
      return sign + exponential(digits, e, verb === 'E');
    }
    case 'f':
    case 'F': {
      if (prec < 0) {
        const [digits, e] = decompose();
        return sign + fixedFromDigits(digits, e, Math.max(digits.length - e - 1, 0));
      }
      return sign + fixed(a, prec);
    }
    default: {
      const shortest = prec < 0;
      let [digits, e] = decompose(shortest ? undefined : prec === 0 ? 1 : prec);
      if (!shortest && !sharp) digits = digits.replace(/0+$/, '') || '0';
      let eprec = prec === 0 ? 1 : prec;
      if (!shortest && eprec > digits.length && digits.length >= e + 1) eprec = digits.length;
      if (shortest) eprec = 6;
      if (e < -4 || e >= eprec) return sign + exponential(digits, e, verb === 'G');
      return sign + fixedFromDigits(digits, e, Math.max(digits.length - e - 1, 0));
    }
  }
}

function fixedFromDigits(digits: string, e: number, decimals: number): string {
  const all = e >= 0 ? digits.padEnd(e + 1, '0') : '0'.repeat(-e) + digits;
  const point = e >= 0 ? e + 1 : 1;
  const whole = all.slice(0, point);
  const fraction = all.slice(point).padEnd(decimals, '0').slice(0, decimals);
  return fraction ? `${whole}.${fraction}` : whole;
}

/**
 * JavaScript rounds a tie away from zero; Go rounds the exact binary value, a tie to even. The
 * expansion to 100 digits shows a tie (a 5 followed by zeros only).
 */
function tieToEven(exact: string, rounded: string, keep: number): boolean {
  const digits = exact.replace(/^[^.]*\./, '');
  const rest = digits.slice(keep);
  return /^50*$/.test(rest) && /[13579]$/.test(rounded.replace(/e.*$/, '').replace('.', ''));
}

function toExponentialEven(a: number, fraction: number): string {
  const rounded = a.toExponential(fraction);
  if (fraction >= 99) return rounded;
  const exact = a.toExponential(99).replace(/e.*$/, '');
  if (!tieToEven(exact, rounded, fraction)) return rounded;
  const [m, e] = a.toExponential(99).split('e');
  const digits = (m as string).replace('.', '').slice(0, fraction + 1);
  return `${digits.slice(0, 1)}${fraction > 0 ? `.${digits.slice(1)}` : ''}e${e}`;
}

function fixed(a: number, prec: number): string {
  if (a < 1e21 && prec <= 100) {
    const rounded = a.toFixed(prec);
    if (prec >= 100 || !tieToEven(a.toFixed(100), rounded, prec)) return rounded;
    // Truncate instead: the kept digits are already the even neighbour's below.
    return a.toFixed(100).slice(0, a.toFixed(100).indexOf('.') + (prec > 0 ? prec + 1 : 0));
  }
  const [m, e] = a.toExponential().split('e');
  return fixedFromDigits((m as string).replace('.', ''), Number(e), prec);
}

/** `fmt.Sprint` of one value (`%v`). */
export function printValue(v: GoValue): string {
  switch (v.kind) {
    case 'invalid':
      return '<invalid reflect.Value>';
    case 'nil':
      return '<nil>';
    case 'string':
      return v.value;
    case 'int':
      return v.value.toString();
    case 'float64':
      return formatFloat(v.value, 'g', -1);
    case 'complex128':
      return `(${formatFloat(v.value[0], 'g', -1)}${v.value[1] >= 0 || Number.isNaN(v.value[1]) ? '+' : ''}${formatFloat(v.value[1], 'g', -1)}i)`;
    case 'bool':
      return String(v.value);
    case 'map':
      return `map[${sortedEntries(v)
        .map(([k, x]) => `${k}:${printValue(x)}`)
        .join(' ')}]`;
    case 'slice':
      return `[${v.items.map(printValue).join(' ')}]`;
  }
}

/** What `{{ pipeline }}` writes: `<no value>` for nothing, otherwise `fmt.Fprint`. */
export function printed(v: GoValue): string {
  return v.kind === 'invalid' ? '<no value>' : printValue(v);
}

/** `fmt.Sprint`: spaces between operands when neither side is a string. */
export function sprint(args: readonly GoValue[]): string {
  let out = '';
  args.forEach((a, i) => {
    const prev = args[i - 1];
    if (i > 0 && a.kind !== 'string' && prev?.kind !== 'string') out += ' ';
    out += printValue(a);
  });
  return out;
}

/** `fmt.Sprintln`: spaces between all operands and a newline. */
export function sprintln(args: readonly GoValue[]): string {
  return `${args.map(printValue).join(' ')}\n`;
}

/** `%x` of a float: `0x1.cp+01`, the mantissa's hex digits (all, or `prec` of them) and a binary exponent. */
function hexFloat(a: number, prec: number, upper: boolean): string {
  let exp = 0;
  let mantissa = 0n;
  if (a !== 0) {
    exp = Math.floor(Math.log2(a));
    if (a / 2 ** exp >= 2) exp++;
    if (a / 2 ** exp < 1) exp--;
    mantissa = BigInt(Math.round((a / 2 ** exp) * 2 ** 52));
  }
  let fraction = (mantissa & ((1n << 52n) - 1n)).toString(16).padStart(13, '0');
  let lead = a === 0 ? 0n : 1n;
  if (prec < 0) fraction = fraction.replace(/0+$/, '');
  else if (prec < 13) {
    const shift = BigInt((13 - prec) * 4);
    const full = (lead << 52n) | (mantissa & ((1n << 52n) - 1n));
    const half = 1n << (shift - 1n);
    let kept = full >> shift;
    const rest = full & ((1n << shift) - 1n);
    if (rest > half || (rest === half && (kept & 1n) === 1n)) kept++;
    if (kept >> BigInt(prec * 4) >= 2n) {
      kept >>= 1n;
      exp++;
    }
    lead = kept >> BigInt(prec * 4);
    fraction = prec === 0 ? '' : (kept & ((1n << BigInt(prec * 4)) - 1n)).toString(16).padStart(prec, '0');
  } else fraction = fraction.padEnd(prec, '0');
  const text = `0x${lead}${fraction ? `.${fraction}` : ''}p${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return upper ? text.toUpperCase() : text;
}
