import { describe, expect, it } from 'vitest';
import { BigNum, numberVal } from '../values/index.ts';
import { call } from './test-support.ts';

const n = (...args: Parameters<typeof call>) =>
  call(...args)
    .asNumber()
    .toString();

describe('numeric functions', () => {
  it('computes absolute values, rounding and signs', () => {
    expect(n('abs', 23)).toBe('23');
    expect(n('abs', 0)).toBe('0');
    expect(n('abs', -12.4)).toBe('12.4');
    expect(n('ceil', 5)).toBe('5');
    expect(n('ceil', 5.1)).toBe('6');
    expect(n('floor', 4.9)).toBe('4');
    expect(n('floor', -4.1)).toBe('-5');
    expect(n('signum', -13)).toBe('-1');
    expect(n('signum', 0)).toBe('0');
    expect(n('signum', 344)).toBe('1');
  });

  it('finds extremes', () => {
    expect(n('max', 12, 54, 3)).toBe('54');
    expect(n('min', 12, 54, 3)).toBe('3');
    expect(n('max', '12', 5)).toBe('12');
    expect(() => call('max')).toThrow('must pass at least one number');
  });

  it('computes logarithms and powers like Go float64', () => {
    expect(n('log', 50, 10)).toBe('1.6989700043360185');
    expect(n('log', 16, 2)).toBe('4');
    expect(n('log', 1, 10)).toBe('0');
    expect(n('log', 0, 10)).toBe('-Inf');
    expect(n('pow', 3, 2)).toBe('9');
    expect(n('pow', 4, 0)).toBe('1');
    expect(n('pow', 4, 0.5)).toBe('2');
    expect(n('pow', 2, -1)).toBe('0.5');
    expect(n('pow', 3, 40)).toBe('12157665459056929000');
  });

  it('parses integers in bases 2 to 62', () => {
    expect(n('parseint', '100', 10)).toBe('100');
    expect(n('parseint', 'FF', 16)).toBe('255');
    expect(n('parseint', '-10', 16)).toBe('-16');
    expect(n('parseint', '1011111011101111', 2)).toBe('48879');
    expect(n('parseint', 'aA', 62)).toBe('656');
    expect(n('parseint', '12345678901234567890123', 10)).toBe('12345678901234567890123');
    expect(() => call('parseint', '12', 2)).toThrow(
      'Invalid value for "number" parameter: cannot parse "12" as a base 2 integer.',
    );
    expect(() => call('parseint', 12, 10)).toThrow('first argument must be a string, not number');
    expect(() => call('parseint', '1', 63)).toThrow('base must be a whole number between 2 and 62 inclusive');
  });

  it('rounds powers as Go math.Pow does and refuses infinities as Go floats', () => {
    expect(call('pow', 10, 300).asNumber().toNumber()).toBe(1.0000000000000006e300);
    expect(call('pow', 2, 64).asNumber().toNumber()).toBe(2 ** 64);
    expect(n('pow', 10, 309)).toBe('+Inf');
    expect(n('pow', 0, -1)).toBe('+Inf');
    expect(n('pow', 2, 0.5)).toBe('1.4142135623730951');
    expect(call('pow', 2, -1074).asNumber().toNumber()).toBe(5e-324);
    expect(() => call('log', numberVal('1e400'), 2)).toThrow('value must be between');
    expect(() => call('log', numberVal(BigNum.fromNumber(Number.POSITIVE_INFINITY)), 2)).toThrow(
      /failed: value must be between -1797\d+\.000000 and 1797\d+\.000000 inclusive/,
    );
  });

  it('takes the sign of whole numbers only', () => {
    expect(() => call('signum', -0.1)).toThrow(
      'value must be a whole number, between -9223372036854775808 and 9223372036854775807',
    );
    expect(() => call('signum', numberVal(BigNum.fromNumber(Number.POSITIVE_INFINITY)))).toThrow(
      'whole number',
    );
  });

  it('keeps arbitrary precision', () => {
    expect(n('abs', numberVal('-123456789012345678901234567890.5'))).toBe('123456789012345678901234567890.5');
  });
});
