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
  });

  it('divides by zero and infinity as cty does', () => {
    expect(n('1').div(BigNum.ZERO)).toBe(BigNum.POSITIVE_INFINITY);
    expect(n('-1').div(BigNum.ZERO)).toBe(BigNum.NEGATIVE_INFINITY);
    expect(n('5').div(BigNum.POSITIVE_INFINITY).isZero()).toBe(true);
    expect(BigNum.NEGATIVE_INFINITY.div(n('2'))).toBe(BigNum.NEGATIVE_INFINITY);
    expect(() => BigNum.ZERO.div(BigNum.ZERO)).toThrow("can't divide zero by zero or infinity by infinity");
    expect(() => BigNum.POSITIVE_INFINITY.div(BigNum.NEGATIVE_INFINITY)).toThrow(
      "can't divide zero by zero or infinity by infinity",
    );
  });

  it('gives the dividend back for modulo zero, and refuses infinities, as cty does', () => {
    expect(n('-5').mod(BigNum.ZERO).toString()).toBe('-5');
    expect(BigNum.ZERO.mod(BigNum.ZERO).toString()).toBe('0');
    expect(() => n('5').mod(BigNum.POSITIVE_INFINITY)).toThrow("can't use modulo with zero and infinity");
    expect(() => BigNum.POSITIVE_INFINITY.mod(n('2'))).toThrow('can\'t use modulo with "Inf"');
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

  // Expected digits below are what Go's math/big gives for the same big.Float operations.
  it('rounds decimal literals to 512-bit binary and computes modulo as cty does', () => {
    expect(n('11').mod(n('5.1')).toString()).toBe(`0.8${'0'.repeat(152)}24`);
    expect(n('1.1').mul(n('1.1')).toString()).toBe(`1.21${'0'.repeat(151)}1`);
    expect(n('0.3').sub(n('0.1')).toString()).toBe(`0.2${'0'.repeat(153)}2`);
    expect(n('1').mod(n('0.1')).toString()).toBe('0');
    expect(n('-7.5').mod(n('2')).toString()).toBe('-1.5');
  });

  it('prints the shortest decimal that identifies the number at its precision', () => {
    expect(n('1').div(n('10')).toString()).toBe('0.1');
    expect(n('1e-5').toString()).toBe('0.00001');
    expect(n('2').div(n('3')).toString()).toBe(`0.${'6'.repeat(153)}7`);
    const long = '1234567890'.repeat(16);
    expect(n(long).toString()).toBe(`${long.slice(0, 154)}600000`);
  });

  it('keeps float64 inputs at 53 bits until they meet a 512-bit operand', () => {
    const tenth = BigNum.fromNumber(0.1);
    expect(tenth.precision).toBe(53);
    expect(tenth.toString()).toBe('0.1');
    expect(tenth.add(BigNum.ZERO).precision).toBe(64);
    expect(tenth.add(n('0')).toString()).toBe('0.1000000000000000055511151231257827021181583404541015625');
    expect(BigNum.fromNumber(7).precision).toBe(64);
    expect(n('0.1').toNumber()).toBe(0.1);
    expect(n('-2.5e-3').toNumber()).toBe(-0.0025);
  });

  it('gives exact and shortest decimal digits', () => {
    expect(n('0.5').decimal(false)).toEqual({ mant: '5', exp: 0 });
    expect(n('0.1').decimal(true)).toEqual({ mant: '1', exp: 0 });
    expect(n('0.1').decimal(false).mant.length).toBeGreaterThan(400);
    expect(BigNum.ZERO.decimal(true)).toEqual({ mant: '', exp: 0 });
  });
});
