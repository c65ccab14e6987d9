import { type BigNum, ValueError } from '../values/index.ts';

/**
 * Go's float64 arithmetic where it differs from JavaScript's: `math.Pow` (exact repeated squaring
 * for the whole part of the exponent, so `pow(10, 300)` is 1.0000000000000006e+300 as in Packer)
 * and gocty's conversions of a number to a Go float64 or int.
 */

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const view = new DataView(new ArrayBuffer(8));

function bits(f: number): bigint {
  view.setFloat64(0, f);
  return view.getBigUint64(0);
}

function fromBits(b: bigint): number {
  view.setBigUint64(0, b);
  return view.getFloat64(0);
}

const SMALLEST_NORMAL = 2.2250738585072014e-308;

/** Go's math.Frexp: f = frac × 2^exp with |frac| in [0.5, 1). */
export function frexp(f: number): [number, number] {
  if (f === 0 || !Number.isFinite(f)) return [f, 0];
  let exp = 0;
  let x = f;
  if (Math.abs(x) < SMALLEST_NORMAL) {
    x *= 2 ** 52;
    exp = -52;
  }
  const b = bits(x);
  exp += Number((b >> 52n) & 0x7ffn) - 1023 + 1;
  const frac = fromBits((b & ~(0x7ffn << 52n)) | (1022n << 52n));
  return [frac, exp];
}

/** Go's math.Ldexp: frac × 2^exp, rounding once into the subnormal range. */
export function ldexp(frac: number, exp: number): number {
  if (frac === 0 || !Number.isFinite(frac)) return frac;
  const [f, e] = frexp(frac);
  let total = exp + e - 1;
  if (total < -1075) return f < 0 ? -0 : 0;
  if (total > 1023) return f < 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  let m = 1;
  if (total < -1022) {
    total += 53;
    m = 2 ** -53;
  }
  const b = bits(f * 2);
  return m * fromBits((b & ~(0x7ffn << 52n)) | (BigInt(total + 1023) << 52n));
}

function isOddInt(x: number): boolean {
  if (Math.abs(x) >= 2 ** 53) return false;
  return Number.isInteger(x) && Math.abs(x) % 2 === 1;
}

/** Go's math.Pow, special cases included. */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x === 0) {
    const negZero = Object.is(x, -0);
    if (y < 0) return negZero && isOddInt(y) ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    return negZero && isOddInt(y) ? x : 0;
  }
  if (!Number.isFinite(y)) {
    if (x === -1) return 1;
    return Math.abs(x) < 1 === y > 0 ? 0 : Number.POSITIVE_INFINITY;
  }
  if (!Number.isFinite(x)) {
    if (x < 0) return goPow(1 / x, -y);
    return y < 0 ? 0 : Number.POSITIVE_INFINITY;
  }
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);

  let yi = Math.trunc(Math.abs(y));
  let yf = Math.abs(y) - yi;
  if (yf !== 0 && x < 0) return Number.NaN;
  if (yi >= 2 ** 63) {
    if (x === -1) return 1;
    return Math.abs(x) < 1 === y > 0 ? 0 : Number.POSITIVE_INFINITY;
  }
  let a1 = 1;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = Math.exp(yf * Math.log(x));
  }
  let [x1, xe] = frexp(x);
  for (let i = BigInt(yi); i !== 0n; i >>= 1n) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if ((i & 1n) === 1n) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}

const MAX_FLOAT_TEXT = `${BigInt(Number.MAX_VALUE)}.000000`;

/** gocty's conversion to a Go float64: what rounds to an infinity (beyond ±MaxFloat64) is refused. */
export function toGoFloat64(n: BigNum): number {
  const f = n.toNumber();
  if (!Number.isFinite(f)) {
    throw new ValueError(`value must be between -${MAX_FLOAT_TEXT} and ${MAX_FLOAT_TEXT} inclusive`);
  }
  return f;
}

/** gocty's conversion to a Go int (64 bits): whole numbers in range only. */
export function toGoInt(n: BigNum): bigint {
  if (n.isInfinite() || !n.isInteger() || n.toBigInt() < INT64_MIN || n.toBigInt() > INT64_MAX) {
    throw new ValueError(`value must be a whole number, between ${INT64_MIN} and ${INT64_MAX}`);
  }
  return n.toBigInt();
}
