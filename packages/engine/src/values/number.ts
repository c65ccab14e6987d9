/**
 * An arbitrary-precision decimal number, standing in for cty's 512-bit big.Float.
 * Finite values are `coefficient * 10^exponent` with no trailing zeros in the
 * coefficient; addition, subtraction and multiplication are exact, division
 * rounds to DIVISION_DIGITS significant digits (about what 512 bits carry).
 * Infinities exist (cty has them: `log(0)`); NaN does not.
 */
export const DIVISION_DIGITS = 155;

const NUMBER_PATTERN = /^([+-])?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

export class BigNum {
  private constructor(
    /** Signed coefficient; 0n for zero and for infinities. */
    readonly coefficient: bigint,
    readonly exponent: number,
    /** 1 for +Inf, -1 for -Inf, 0 for finite values. */
    readonly infinity: -1 | 0 | 1,
  ) {}

  static readonly ZERO = new BigNum(0n, 0, 0);
  static readonly ONE = new BigNum(1n, 0, 0);
  static readonly POSITIVE_INFINITY = new BigNum(0n, 0, 1);
  static readonly NEGATIVE_INFINITY = new BigNum(0n, 0, -1);

  static of(coefficient: bigint, exponent = 0): BigNum {
    if (coefficient === 0n) return BigNum.ZERO;
    let c = coefficient;
    let e = exponent;
    while (c % 10n === 0n) {
      c /= 10n;
      e += 1;
    }
    return new BigNum(c, e, 0);
  }

  /** Parses decimal notation (`12`, `-1.5`, `.5`, `1e3`, `Inf`); undefined when it is not a number. */
  static parse(text: string): BigNum | undefined {
    const s = text.trim();
    if (s !== text || s === '') return undefined;
    if (/^[+]?inf(inity)?$/i.test(s)) return BigNum.POSITIVE_INFINITY;
    if (/^-inf(inity)?$/i.test(s)) return BigNum.NEGATIVE_INFINITY;
    const m = NUMBER_PATTERN.exec(s);
    if (!m) return undefined;
    const intPart = m[2] ?? '';
    const fracPart = m[3] ?? m[4] ?? '';
    const exp = m[5] ? Number.parseInt(m[5], 10) : 0;
    if (!Number.isSafeInteger(exp)) return undefined;
    const digits = `${intPart}${fracPart}` || '0';
    const c = BigInt(digits);
    return BigNum.of(m[1] === '-' ? -c : c, exp - fracPart.length);
  }

  static fromNumber(n: number): BigNum {
    if (Number.isNaN(n)) throw new RangeError('NaN is not a valid number');
    if (n === Number.POSITIVE_INFINITY) return BigNum.POSITIVE_INFINITY;
    if (n === Number.NEGATIVE_INFINITY) return BigNum.NEGATIVE_INFINITY;
    return BigNum.parse(String(n)) as BigNum;
  }

  static fromBigInt(n: bigint): BigNum {
    return BigNum.of(n, 0);
  }

  isZero(): boolean {
    return this.infinity === 0 && this.coefficient === 0n;
  }
  isInfinite(): boolean {
    return this.infinity !== 0;
  }
  isInteger(): boolean {
    return this.infinity === 0 && this.exponent >= 0;
  }
  sign(): -1 | 0 | 1 {
    if (this.infinity !== 0) return this.infinity;
    return this.coefficient === 0n ? 0 : this.coefficient < 0n ? -1 : 1;
  }

  neg(): BigNum {
    if (this.infinity !== 0) return this.infinity === 1 ? BigNum.NEGATIVE_INFINITY : BigNum.POSITIVE_INFINITY;
    return this.coefficient === 0n ? this : new BigNum(-this.coefficient, this.exponent, 0);
  }
  abs(): BigNum {
    return this.sign() < 0 ? this.neg() : this;
  }

  add(other: BigNum): BigNum {
    if (this.infinity !== 0 || other.infinity !== 0) {
      if (this.infinity !== 0 && other.infinity !== 0 && this.infinity !== other.infinity) {
        throw new RangeError('can\'t compute "Inf" minus "Inf"');
      }
      return this.infinity !== 0 ? this : other;
    }
    const e = Math.min(this.exponent, other.exponent);
    const a = this.coefficient * 10n ** BigInt(this.exponent - e);
    const b = other.coefficient * 10n ** BigInt(other.exponent - e);
    return BigNum.of(a + b, e);
  }
  sub(other: BigNum): BigNum {
    return this.add(other.neg());
  }
  mul(other: BigNum): BigNum {
    if (this.infinity !== 0 || other.infinity !== 0) {
      const s = this.sign() * other.sign();
      if (s === 0) throw new RangeError('can\'t multiply zero by "Inf"');
      return s > 0 ? BigNum.POSITIVE_INFINITY : BigNum.NEGATIVE_INFINITY;
    }
    return BigNum.of(this.coefficient * other.coefficient, this.exponent + other.exponent);
  }

  /** Division rounded half-to-even to DIVISION_DIGITS significant digits. Throws on division by zero. */
  div(other: BigNum): BigNum {
    if (other.isZero()) throw new RangeError("can't divide by zero");
    if (this.infinity !== 0 || other.infinity !== 0) {
      if (this.infinity !== 0 && other.infinity !== 0) throw new RangeError('can\'t divide "Inf" by "Inf"');
      if (other.infinity !== 0) return BigNum.ZERO;
      return this.sign() * other.sign() > 0 ? BigNum.POSITIVE_INFINITY : BigNum.NEGATIVE_INFINITY;
    }
    if (this.coefficient === 0n) return BigNum.ZERO;
    const negative = this.coefficient < 0n !== other.coefficient < 0n;
    const a = this.coefficient < 0n ? -this.coefficient : this.coefficient;
    const b = other.coefficient < 0n ? -other.coefficient : other.coefficient;
    // Scale a so that the quotient has DIVISION_DIGITS + 1 digits, then round the last one away.
    const shift = DIVISION_DIGITS + 1 - (digitCount(a) - digitCount(b));
    const scaledA = shift >= 0 ? a * 10n ** BigInt(shift) : a;
    const scaledB = shift >= 0 ? b : b * 10n ** BigInt(-shift);
    let q = scaledA / scaledB;
    const r = scaledA % scaledB;
    let e = this.exponent - other.exponent - shift;
    const excess = digitCount(q) - DIVISION_DIGITS;
    if (excess > 0) {
      const p = 10n ** BigInt(excess);
      const rest = q % p;
      q /= p;
      e += excess;
      const half = p / 2n;
      if (rest > half || (rest === half && (r !== 0n || q % 2n === 1n))) q += 1n;
    }
    return BigNum.of(negative ? -q : q, e);
  }

  /** Truncated remainder (sign of the dividend), as cty's Modulo. */
  mod(other: BigNum): BigNum {
    if (other.isZero()) throw new RangeError("can't use modulo with zero");
    if (this.infinity !== 0) throw new RangeError('can\'t use modulo with "Inf"');
    if (other.infinity !== 0) return this;
    const quotient = this.divideToIntegerTruncated(other);
    return this.sub(quotient.mul(other));
  }

  private divideToIntegerTruncated(other: BigNum): BigNum {
    const e = Math.min(this.exponent, other.exponent);
    const a = this.coefficient * 10n ** BigInt(this.exponent - e);
    const b = other.coefficient * 10n ** BigInt(other.exponent - e);
    return BigNum.of(a / b, 0);
  }

  cmp(other: BigNum): -1 | 0 | 1 {
    if (this.infinity !== 0 || other.infinity !== 0) {
      return this.infinity === other.infinity ? 0 : this.infinity > other.infinity ? 1 : -1;
    }
    const d = this.sub(other).sign();
    return d;
  }
  equals(other: BigNum): boolean {
    return this.cmp(other) === 0;
  }

  /** Rounds towards negative infinity. */
  floor(): BigNum {
    if (this.infinity !== 0 || this.exponent >= 0) return this;
    const p = 10n ** BigInt(-this.exponent);
    let q = this.coefficient / p;
    if (this.coefficient < 0n && this.coefficient % p !== 0n) q -= 1n;
    return BigNum.of(q, 0);
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
    return this.coefficient * 10n ** BigInt(this.exponent);
  }

  /** The nearest float64. */
  toNumber(): number {
    if (this.infinity !== 0) return this.infinity * Number.POSITIVE_INFINITY;
    return Number(this.toString());
  }

  /** A safe JS integer, or undefined when the value is not an integer in the safe range. */
  toSafeInteger(): number | undefined {
    if (!this.isInteger()) return undefined;
    const n = Number(this.toBigInt());
    return Number.isSafeInteger(n) ? n : undefined;
  }

  /**
   * Plain decimal notation without exponent or trailing zeros, as cty prints numbers
   * (`big.Float.Text('f', -1)`): `1`, `-0.5`, `100000000000000000000`, `+Inf`.
   */
  toString(): string {
    if (this.infinity !== 0) return this.infinity > 0 ? '+Inf' : '-Inf';
    const negative = this.coefficient < 0n;
    const digits = (negative ? -this.coefficient : this.coefficient).toString();
    let text: string;
    if (this.exponent >= 0) {
      text = digits === '0' ? '0' : digits + '0'.repeat(this.exponent);
    } else {
      const point = digits.length + this.exponent;
      text =
        point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`;
    }
    return negative ? `-${text}` : text;
  }
}

function digitCount(n: bigint): number {
  return n === 0n ? 1 : n.toString().length;
}
