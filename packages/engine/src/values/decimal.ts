/**
 * Decimal digits of binary numbers, as Go's `math/big` converts a `big.Float` for printing:
 * the exact expansion, and the shortest digits that read back to the same value.
 */

/** `0.<mant> × 10^exp`, with no trailing zeros in `mant`; `mant` is empty for zero. */
export interface Decimal {
  mant: string;
  exp: number;
}

/** The exact decimal expansion of `m × 2^e` for a positive bigint m. */
export function exactDecimal(m: bigint, e: number): Decimal {
  if (m === 0n) return { mant: '', exp: 0 };
  // m × 2^-k = m × 5^k / 10^k
  const digits = e >= 0 ? (m << BigInt(e)).toString() : (m * 5n ** BigInt(-e)).toString();
  const scale = e >= 0 ? 0 : -e;
  const mant = digits.replace(/0+$/, '');
  return { mant, exp: digits.length - scale };
}

/**
 * The shortest decimal that identifies `m × 2^e` among numbers of `precision` bits, rounding
 * half-to-even: every value within half a unit in the last place rounds back to it (Go's
 * `roundShortest` for big.Float, bounds inclusive when the mantissa is even).
 */
export function shortestDecimal(m: bigint, e: number, precision: number): Decimal {
  const d = exactDecimal(m, e);
  // Mantissa with precision + 1 bits, so that its lowest bit is half a unit in the last place.
  const bits = m.toString(2).length;
  const s = bits - (precision + 1);
  const mant = s < 0 ? m << BigInt(-s) : m >> BigInt(s);
  const exp = e + s;
  const lower = exactDecimal(mant - 1n, exp);
  const upper = exactDecimal(mant + 1n, exp);
  const inclusive = (mant & 2n) === 0n;
  for (let i = 0; i < d.mant.length; i++) {
    const c = d.mant.charCodeAt(i);
    const l = digitAt(lower, i);
    const u = digitAt(upper, i);
    const okDown = l !== c || (inclusive && i + 1 === lower.mant.length);
    const okUp = c !== u && (inclusive || c + 1 < u || i + 1 < upper.mant.length);
    if (okDown && okUp) return roundDecimal(d, i + 1);
    if (okDown) return roundDown(d, i + 1);
    if (okUp) return roundUp(d, i + 1);
  }
  return d;
}

const ZERO_CODE = 48;

function digitAt(d: Decimal, i: number): number {
  return i < d.mant.length ? d.mant.charCodeAt(i) : ZERO_CODE;
}

/** Rounds to n digits, half-to-even on the exact digits (Go's `decimal.round`). */
export function roundDecimal(d: Decimal, n: number): Decimal {
  if (n < 0 || n >= d.mant.length) return d;
  const next = d.mant.charCodeAt(n);
  const up =
    next === ZERO_CODE + 5 && n + 1 === d.mant.length
      ? n > 0 && (d.mant.charCodeAt(n - 1) - ZERO_CODE) % 2 === 1
      : next >= ZERO_CODE + 5;
  return up ? roundUp(d, n) : roundDown(d, n);
}

function roundDown(d: Decimal, n: number): Decimal {
  if (n < 0 || n >= d.mant.length) return d;
  const mant = d.mant.slice(0, n).replace(/0+$/, '');
  return { mant, exp: mant === '' ? 0 : d.exp };
}

function roundUp(d: Decimal, n: number): Decimal {
  if (n < 0 || n >= d.mant.length) return d;
  let i = n;
  while (i > 0 && d.mant[i - 1] === '9') i--;
  if (i === 0) return { mant: '1', exp: d.exp + 1 };
  const last = String.fromCharCode(d.mant.charCodeAt(i - 1) + 1);
  return { mant: d.mant.slice(0, i - 1) + last, exp: d.exp };
}
