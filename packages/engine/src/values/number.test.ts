import { describe, expect, it } from 'vitest';
import { BigNum } from './number.ts';

const n = (s: string) => {
  const v = BigNum.parse(s);
  if (!v) throw new Error(`bad number ${s}`);
  return v;
};

describe('BigNum', () => {
  it('parses decimal notation and prints without exponent or trailing zeros', () => {
    expect(n('1.50').toString()).toBe('1.5');
    expect(n('1e20').toString()).toBe('100000000000000000000');
    expect(n('-0.000125').toString()).toBe('-0.000125');
    expect(n('.5').toString()).toBe('0.5');
    expect(n('12E-3').toString()).toBe('0.012');
    expect(n('0').toString()).toBe('0');
    expect(BigNum.parse('1.2.3')).toBeUndefined();
    expect(BigNum.parse(' 1')).toBeUndefined();
    expect(BigNum.parse('0x10')).toBeUndefined();
  });

  it('keeps integers beyond float64 exact', () => {
    const big = n('9007199254740993');
    expect(big.add(BigNum.ONE).toString()).toBe('9007199254740994');
    expect(n('123456789012345678901234567890').mul(n('10')).toString()).toBe(
      '1234567890123456789012345678900',
    );
  });

  it('adds decimals exactly where float64 does not', () => {
    expect(n('0.1').add(n('0.2')).toString()).toBe('0.3');
    expect(BigNum.fromNumber(0.1).toString()).toBe('0.1');
  });

  it('divides with rounding to many significant digits', () => {
    expect(n('10').div(n('4')).toString()).toBe('2.5');
    const third = n('1').div(n('3')).toString();
    expect(third.startsWith('0.3333333333')).toBe(true);
    expect(third.length).toBe(2 + 155);
    expect(n('2').div(n('3')).toString().endsWith('7')).toBe(true);
    expect(() => n('1').div(BigNum.ZERO)).toThrow("can't divide by zero");
  });

  it('computes truncated modulo with the sign of the dividend', () => {
    expect(n('7').mod(n('3')).toString()).toBe('1');
    expect(n('-7').mod(n('3')).toString()).toBe('-1');
    expect(n('7.5').mod(n('2')).toString()).toBe('1.5');
  });

  it('floors, ceils and compares', () => {
    expect(n('-1.5').floor().toString()).toBe('-2');
    expect(n('-1.5').ceil().toString()).toBe('-1');
    expect(n('1.2').ceil().toString()).toBe('2');
    expect(n('2').cmp(n('10'))).toBe(-1);
    expect(BigNum.NEGATIVE_INFINITY.cmp(n('-1e300'))).toBe(-1);
    expect(BigNum.POSITIVE_INFINITY.toString()).toBe('+Inf');
  });
});
