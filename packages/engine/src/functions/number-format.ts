import type { BigNum, Decimal } from '../values/index.ts';

/**
 * Go's formatting of big numbers (`big.Float.Text`, `fmt` on big.Float and big.Int), which cty's
 * `format` and `%v` rely on. Rounding is half-to-even on the exact decimal value.
 */

/** Rounds to `n` significant digits (half to even), trimming trailing zeros. */
function roundDecimal(d: Decimal, n: number): Decimal {
  if (n < 0 || n >= d.mant.length) return d;
  let digits = d.mant.slice(0, n);
  const next = d.mant.charCodeAt(n) - 48;
  const rest = d.mant.slice(n + 1);
  const exactHalf = next === 5 && !/[1-9]/.test(rest);
  const up = exactHalf ? n > 0 && (digits.charCodeAt(n - 1) - 48) % 2 === 1 : next >= 5;
  let exp = d.exp;
  if (up) {
    const bumped = (BigInt(digits || '0') + 1n).toString();
    if (bumped.length > digits.length) exp += 1;
    digits = bumped;
  }
  digits = digits.replace(/0+$/, '');
  return { mant: digits, exp: digits === '' ? 0 : exp };
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.mant.length ? (d.mant[i] as string) : '0';
}

function fmtE(d: Decimal, prec: number, upper: boolean): string {
  let out = digitAt(d, 0);
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(d, i);
  }
  const exp = d.mant.length > 0 ? d.exp - 1 : 0;
  const abs = Math.abs(exp);
  return `${out}${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

function fmtF(d: Decimal, prec: number): string {
  let out = '';
  if (d.exp > 0) {
    for (let i = 0; i < d.exp; i++) out += digitAt(d, i);
  } else {
    out = '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(d, d.exp + i - 1);
  }
  return out;
}

/**
 * `big.Float.Text(verb, prec)` for the absolute value: verb one of e E f g G; prec -1 for the
 * shortest representation.
 */
export function floatText(n: BigNum, verb: 'e' | 'E' | 'f' | 'g' | 'G', precision: number): string {
  if (n.isInfinite()) return 'Inf';
  const shortest = precision < 0;
  let d = n.decimal(shortest);
  let prec = precision;
  if (shortest) {
    switch (verb) {
      case 'e':
      case 'E':
        prec = Math.max(d.mant.length - 1, 0);
        break;
      case 'f':
        prec = Math.max(d.mant.length - d.exp, 0);
        break;
      default:
        prec = d.mant.length;
    }
  } else {
    switch (verb) {
      case 'e':
      case 'E':
        d = roundDecimal(d, 1 + prec);
        break;
      case 'f':
        d = roundDecimal(d, d.exp + prec);
        break;
      default:
        if (prec === 0) prec = 1;
        d = roundDecimal(d, prec);
    }
  }
  switch (verb) {
    case 'e':
    case 'E':
      return fmtE(d, prec, verb === 'E');
    case 'f':
      return fmtF(d, prec);
    default: {
      if (d.mant.length === 0) return '0';
      let eprec = prec;
      if (eprec > d.mant.length && d.mant.length >= d.exp) eprec = d.mant.length;
      if (shortest) eprec = 6;
      const exp = d.exp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > d.mant.length) prec = d.mant.length;
        return fmtE(d, prec - 1, verb === 'G');
      }
      if (prec > d.exp) prec = d.mant.length;
      return fmtF(d, Math.max(prec - d.exp, 0));
    }
  }
}

export interface NumberFlags {
  plus: boolean;
  space: boolean;
  zero: boolean;
  minus: boolean;
  sharp: boolean;
  width: number;
  precision: number;
}

/** Go's `fmt.Sprintf("%<flags><width>.<prec><verb>", bigFloat)` for verbs e E f g G. */
export function formatFloat(n: BigNum, verb: 'e' | 'E' | 'f' | 'g' | 'G', flags: NumberFlags): string {
  const body = floatText(
    n,
    verb,
    flags.precision < 0 ? (verb === 'g' || verb === 'G' ? -1 : 6) : flags.precision,
  );
  const sign = n.sign() < 0 ? '-' : flags.plus ? '+' : flags.space ? ' ' : '';
  const padding = Math.max(flags.width - sign.length - body.length, 0);
  if (flags.zero && !n.isInfinite()) return sign + '0'.repeat(padding) + body;
  if (flags.minus) return sign + body + ' '.repeat(padding);
  return ' '.repeat(padding) + sign + body;
}

/** Go's `fmt.Sprintf` of a big.Int for verbs b d o x X. */
export function formatInteger(value: bigint, verb: 'b' | 'd' | 'o' | 'x' | 'X', flags: NumberFlags): string {
  const base = verb === 'b' ? 2 : verb === 'o' ? 8 : verb === 'd' ? 10 : 16;
  const negative = value < 0n;
  let digits = (negative ? -value : value).toString(base);
  if (verb === 'X') digits = digits.toUpperCase();
  if (flags.precision >= 0) {
    if (flags.precision === 0 && value === 0n) digits = '';
    digits = digits.padStart(flags.precision, '0');
  }
  const prefix = flags.sharp ? { b: '0b', o: '0', d: '', x: '0x', X: '0X' }[verb] : '';
  const sign = negative ? '-' : flags.plus ? '+' : flags.space ? ' ' : '';
  const length = sign.length + prefix.length + digits.length;
  if (flags.width <= length) return sign + prefix + digits;
  const pad = flags.width - length;
  if (flags.minus) return sign + prefix + digits + ' '.repeat(pad);
  if (flags.zero && flags.precision < 0) return sign + prefix + '0'.repeat(pad) + digits;
  return ' '.repeat(pad) + sign + prefix + digits;
}
