import { type Decimal, exactDecimal, shortestDecimal } from './decimal.ts';

/**
 * A binary floating-point number with the semantics of cty's numbers (Go's `big.Float`):
 * finite values are `mantissa × 2^exponent`, carried with a precision in bits. Every
 * operation computes the exact result and rounds it half-to-even to the larger precision of
 * its operands, as `big.Float` does for a zero-value receiver. Parsed decimal text gets
 * PARSE_PRECISION bits (cty's `ParseNumberVal`); JS floats get 53 bits and JS integers 64
 * (`NumberFloatVal`, `NumberIntVal`). Infinities exist (cty has them: `log(0)`); NaN does not.
 */
export const PARSE_PRECISION = 512;
export const FLOAT_PRECISION = 53;
export const INT_PRECISION = 64;

/** Decimal exponents beyond this are refused by `parse` rather than expanded into huge integers. */
const MAX_DECIMAL_EXPONENT = 1_000_000;

const NUMBER_PATTERN = /^([+-])?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

export class BigNum {
  private constructor(
    /** Signed mantissa, odd unless zero; 0n for zero and for infinities. */
    readonly mantissa: bigint,
    /** Binary exponent: the value is `mantissa × 2^exponent`. */
    readonly exponent: number,
    /** Mantissa precision in bits, as `big.Float.Prec()`. */
    readonly precision: number,
    /** 1 for +Inf, -1 for -Inf, 0 for finite values. */
    readonly infinity: -1 | 0 | 1,
  ) {}

  /** `mantissa × 2^exponent` rounded half-to-even to `precision` bits. */
  static fromBinary(mantissa: bigint, exponent: number, precision: number): BigNum {
    return BigNum.rounded(mantissa, exponent, precision, false);
  }

  private static rounded(mantissa: bigint, exponent: number, precision: number, sticky: boolean): BigNum {
    const [m, e] = roundBits(mantissa, exponent, precision, sticky);
    return new BigNum(m, e, precision, 0);
  }

  static readonly ZERO = new BigNum(0n, 0, INT_PRECISION, 0);
  static readonly ONE = new BigNum(1n, 0, INT_PRECISION, 0);
  static readonly POSITIVE_INFINITY = new BigNum(0n, 0, INT_PRECISION, 1);
  static readonly NEGATIVE_INFINITY = new BigNum(0n, 0, INT_PRECISION, -1);

  /** Parses decimal notation (`12`, `-1.5`, `.5`, `1e3`, `Inf`) to PARSE_PRECISION bits; undefined when it is not a number. */
  static parse(text: string): BigNum | undefined {
    const s = text.trim();
    if (s !== text || s === '') return undefined;
    if (/^[+]?inf(inity)?$/i.test(s)) return BigNum.POSITIVE_INFINITY;
    if (/^-inf(inity)?$/i.test(s)) return BigNum.NEGATIVE_INFINITY;
    const m = NUMBER_PATTERN.exec(s);
    if (!m) return undefined;
    const intPart = m[2] ?? '';
    const fracPart = m[3] ?? m[4] ?? '';
    const exp = (m[5] ? Number.parseInt(m[5], 10) : 0) - fracPart.length;
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > MAX_DECIMAL_EXPONENT) return undefined;
    const digits = BigInt(`${intPart}${fracPart}` || '0');
    const signed = m[1] === '-' ? -digits : digits;
    if (exp >= 0) return BigNum.rounded(signed * 10n ** BigInt(exp), 0, PARSE_PRECISION, false);
    return BigNum.rounded(...quotient(signed, 10n ** BigInt(-exp), 0, PARSE_PRECISION));
  }

  /** A JS number exactly: 64 bits of precision for integers (cty `NumberIntVal`), 53 otherwise (`NumberFloatVal`). */
  static fromNumber(n: number, precision?: number): BigNum {
    if (Number.isNaN(n)) throw new RangeError('NaN is not a valid number');
    if (n === Number.POSITIVE_INFINITY) return BigNum.POSITIVE_INFINITY;
    if (n === Number.NEGATIVE_INFINITY) return BigNum.NEGATIVE_INFINITY;
    const prec = precision ?? (Number.isSafeInteger(n) ? INT_PRECISION : FLOAT_PRECISION);
    const [mantissa, exponent] = float64Parts(n);
    return BigNum.rounded(mantissa, exponent, prec, false);
  }

  /** An integer exactly, with at least 64 bits of precision (`big.Float.SetInt`). */
  static fromBigInt(n: bigint): BigNum {
    return BigNum.rounded(n, 0, Math.max(bitLength(n < 0n ? -n : n), INT_PRECISION), false);
  }

  isZero(): boolean {
    return this.infinity === 0 && this.mantissa === 0n;
  }
  isInfinite(): boolean {
    return this.infinity !== 0;
  }
  isInteger(): boolean {
    return this.infinity === 0 && (this.exponent >= 0 || this.mantissa === 0n);
  }
  sign(): -1 | 0 | 1 {
    if (this.infinity !== 0) return this.infinity;
    return this.mantissa === 0n ? 0 : this.mantissa < 0n ? -1 : 1;
  }

  neg(): BigNum {
    if (this.infinity !== 0) return this.infinity === 1 ? BigNum.NEGATIVE_INFINITY : BigNum.POSITIVE_INFINITY;
    return this.mantissa === 0n ? this : new BigNum(-this.mantissa, this.exponent, this.precision, 0);
  }
  abs(): BigNum {
    return this.sign() < 0 ? this.neg() : this;
  }

  add(other: BigNum, precision = Math.max(this.precision, other.precision)): BigNum {
    if (this.infinity !== 0 || other.infinity !== 0) {
      if (this.infinity !== 0 && other.infinity !== 0 && this.infinity !== other.infinity) {
        throw new RangeError('can\'t compute "Inf" minus "Inf"');
      }
      return this.infinity !== 0 ? this : other;
    }
    const e = Math.min(this.exponent, other.exponent);
    const a = this.mantissa << BigInt(this.exponent - e);
    const b = other.mantissa << BigInt(other.exponent - e);
    return BigNum.rounded(a + b, e, precision, false);
  }
  sub(other: BigNum, precision = Math.max(this.precision, other.precision)): BigNum {
    return this.add(other.neg(), precision);
  }
  mul(other: BigNum, precision = Math.max(this.precision, other.precision)): BigNum {
    if (this.infinity !== 0 || other.infinity !== 0) {
      const s = this.sign() * other.sign();
      if (s === 0) throw new RangeError('can\'t multiply zero by "Inf"');
      return s > 0 ? BigNum.POSITIVE_INFINITY : BigNum.NEGATIVE_INFINITY;
    }
    return BigNum.rounded(this.mantissa * other.mantissa, this.exponent + other.exponent, precision, false);
  }

  /**
   * Correctly rounded quotient (`big.Float.Quo`): a non-zero number divided by zero is an infinity
   * of its sign; zero by zero and infinity by infinity throw, as cty's Divide does.
   */
  div(other: BigNum): BigNum {
    if ((this.isZero() && other.isZero()) || (this.infinity !== 0 && other.infinity !== 0)) {
      throw new RangeError("can't divide zero by zero or infinity by infinity");
    }
    if (other.isZero()) return this.sign() > 0 ? BigNum.POSITIVE_INFINITY : BigNum.NEGATIVE_INFINITY;
    if (this.infinity !== 0 || other.infinity !== 0) {
      if (other.infinity !== 0) return BigNum.ZERO;
      return this.sign() * other.sign() > 0 ? BigNum.POSITIVE_INFINITY : BigNum.NEGATIVE_INFINITY;
    }
    const precision = Math.max(this.precision, other.precision);
    if (this.mantissa === 0n) return new BigNum(0n, 0, precision, 0);
    return BigNum.rounded(
      ...quotient(this.mantissa, other.mantissa, this.exponent - other.exponent, precision),
    );
  }

  /**
   * cty's Modulo: `a - b × trunc(a / b)`. The quotient is rounded before truncation, and the
   * product and difference round to the dividend's precision, as cty's big.Float steps do.
   */
  mod(other: BigNum): BigNum {
    // cty returns the dividend for a zero divisor; with an infinity its big.Float steps fail.
    if (other.isZero()) return this;
    if (this.infinity !== 0) throw new RangeError('can\'t use modulo with "Inf"');
    if (other.infinity !== 0) throw new RangeError("can't use modulo with zero and infinity");
    const whole = this.div(other).truncate();
    const wholeAtPrecision = BigNum.rounded(whole.mantissa, whole.exponent, this.precision, false);
    return this.sub(other.mul(wholeAtPrecision, this.precision), this.precision);
  }

  cmp(other: BigNum): -1 | 0 | 1 {
    if (this.infinity !== 0 || other.infinity !== 0) {
      return this.infinity === other.infinity ? 0 : this.infinity > other.infinity ? 1 : -1;
    }
    const e = Math.min(this.exponent, other.exponent);
    const a = this.mantissa << BigInt(this.exponent - e);
    const b = other.mantissa << BigInt(other.exponent - e);
    return a === b ? 0 : a > b ? 1 : -1;
  }
  equals(other: BigNum): boolean {
    return this.cmp(other) === 0;
  }

  /** Rounds towards negative infinity. */
  floor(): BigNum {
    if (this.isInteger() || this.infinity !== 0) return this;
    const shift = BigInt(-this.exponent);
    // BigInt >> floors, also for negative values.
    return BigNum.rounded(this.mantissa >> shift, 0, this.precision, false);
  }
  ceil(): BigNum {
    return this.neg().floor().neg();
  }
  /** Rounds towards zero. */
  truncate(): BigNum {
    return this.sign() < 0 ? this.ceil() : this.floor();
  }

  /** The integer as a bigint; the value must be a finite integer. */
  toBigInt(): bigint {
    if (!this.isInteger()) throw new RangeError(`${this.toString()} is not an integer`);
    return this.mantissa << BigInt(this.exponent);
  }

  /** The nearest float64. */
  toNumber(): number {
    if (this.infinity !== 0) return this.infinity * Number.POSITIVE_INFINITY;
    if (this.mantissa === 0n) return 0;
    const d = exactDecimal(this.mantissa < 0n ? -this.mantissa : this.mantissa, this.exponent);
    const n = Number(`0.${d.mant}e${d.exp}`);
    return this.mantissa < 0n ? -n : n;
  }

  /** A safe JS integer, or undefined when the value is not an integer in the safe range. */
  toSafeInteger(): number | undefined {
    if (!this.isInteger()) return undefined;
    const n = Number(this.toBigInt());
    return Number.isSafeInteger(n) ? n : undefined;
  }

  /**
   * The decimal digits of the absolute value, `0.<mant> × 10^exp` without trailing zeros
   * (empty for zero): the exact value, or the shortest that reads back to the same number
   * at this precision (Go's `big.Float` decimal conversion). Finite values only.
   */
  decimal(shortest: boolean): Decimal {
    if (this.infinity !== 0) throw new RangeError('an infinity has no decimal digits');
    const m = this.mantissa < 0n ? -this.mantissa : this.mantissa;
    if (m === 0n) return { mant: '', exp: 0 };
    return shortest ? shortestDecimal(m, this.exponent, this.precision) : exactDecimal(m, this.exponent);
  }

  /**
   * Plain decimal notation, the shortest that identifies the number at its precision, as cty
   * prints numbers (`big.Float.Text('f', -1)`): `1`, `-0.5`, `100000000000000000000`, `+Inf`.
   */
  toString(): string {
    if (this.infinity !== 0) return this.infinity > 0 ? '+Inf' : '-Inf';
    const d = this.decimal(true);
    let text = '';
    if (d.exp > 0) {
      text = d.mant.slice(0, d.exp).padEnd(d.exp, '0');
    } else {
      text = '0';
    }
    const fraction = d.exp >= 0 ? d.mant.slice(d.exp) : '0'.repeat(-d.exp) + d.mant;
    if (fraction !== '') text += `.${fraction}`;
    return this.mantissa < 0n ? `-${text}` : text;
  }
}

/** Number of bits in a non-negative bigint. */
export function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * Rounds `mantissa × 2^exponent` half-to-even to `precision` bits. `sticky` says that the exact
 * value lies strictly above the given magnitude (non-zero bits were dropped below it).
 */
function roundBits(mantissa: bigint, exponent: number, precision: number, sticky: boolean): [bigint, number] {
  if (mantissa === 0n) return [0n, 0];
  const negative = mantissa < 0n;
  let m = negative ? -mantissa : mantissa;
  let e = exponent;
  const excess = bitLength(m) - precision;
  if (excess > 0) {
    const k = BigInt(excess);
    const rest = m & ((1n << k) - 1n);
    const half = 1n << (k - 1n);
    m >>= k;
    e += excess;
    if (rest > half || (rest === half && (sticky || (m & 1n) === 1n))) m += 1n;
  }
  while ((m & 1n) === 0n) {
    m >>= 1n;
    e += 1;
  }
  return [negative ? -m : m, e];
}

/**
 * `(a / b) × 2^exponent` truncated to at least `precision` + 2 bits, with the sticky flag for a
 * non-zero remainder: the arguments for a correctly rounded result. b is non-zero.
 */
function quotient(
  a: bigint,
  b: bigint,
  exponent: number,
  precision: number,
): [bigint, number, number, boolean] {
  const negative = a < 0n !== b < 0n;
  const x = a < 0n ? -a : a;
  const y = b < 0n ? -b : b;
  // Enough quotient bits for the precision plus a rounding bit; the remainder is the sticky bit.
  const shift = Math.max(precision + 2 + bitLength(y) - bitLength(x), 0);
  const scaled = x << BigInt(shift);
  const q = scaled / y;
  const sticky = scaled % y !== 0n;
  return [negative ? -q : q, exponent - shift, precision, sticky];
}

/** The exact integer mantissa and binary exponent of a finite float64. */
function float64Parts(n: number): [bigint, number] {
  if (n === 0) return [0n, 0];
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, n);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  return [negative ? -mantissa : mantissa, exponent];
}
