import { describe, expect, it } from 'vitest';
import {
  BOOL,
  DYNAMIC,
  NUMBER,
  SENSITIVE,
  STRING,
  ValueError,
  listOf,
  mapOf,
  numberVal,
  objectOf,
  setOf,
  stringVal,
  toPlain,
  unknownVal,
} from '../values/index.ts';
import { typeArgumentValue } from './conversion.ts';
import { call, callLazyIn, plain, testContext } from './test-support.ts';

describe('to* functions', () => {
  it('convert primitives', () => {
    expect(plain('tostring', 1)).toBe('1');
    expect(plain('tostring', true)).toBe('true');
    expect(plain('tonumber', '1.5')).toBe(1.5);
    expect(plain('tobool', 'true')).toBe(true);
    expect(() => call('tonumber', 'no')).toThrow(
      'cannot convert "no" to number; given string must be a decimal representation of a number',
    );
    expect(() => call('tobool', 'yes')).toThrow(
      'cannot convert "yes" to bool; only the strings "true" or "false" are allowed',
    );
    expect(() => call('tostring', ['a'])).toThrow('cannot convert tuple to string');
    expect(call('tostring', unknownVal(NUMBER)).type).toEqual(STRING);
    expect(call('tostring', numberVal(1).mark(SENSITIVE)).isSensitive).toBe(true);
  });

  it('convert collections', () => {
    expect(call('tolist', ['a', 'b']).type).toEqual(listOf(STRING));
    expect(plain('tolist', ['a', 1])).toEqual(['a', '1']);
    expect(plain('toset', ['c', 'b', 'b'])).toEqual(['b', 'c']);
    expect(call('toset', ['c']).type).toEqual(setOf(STRING));
    expect(call('tomap', { a: 1, b: 2 }).type).toEqual(mapOf(NUMBER));
    expect(plain('tomap', { a: 'foo', b: true })).toEqual({ a: 'foo', b: 'true' });
    expect(() => call('tolist', [1, true])).toThrow(
      'Invalid value for "v" parameter: cannot convert tuple to list of any single type.',
    );
  });

  it('convert to a type expression', () => {
    const v = call('convert', { a: '1' }, typeArgumentValue(objectOf({ a: NUMBER })));
    expect(v.type).toEqual(objectOf({ a: NUMBER }));
    expect(toPlain(v)).toEqual({ a: 1 });
    expect(() => call('convert', 'x', 'list(string)')).toThrow('a type expression is required');
    expect(() => call('convert', 'x', typeArgumentValue(BOOL))).toThrow('a bool is required');
  });
});

describe('sensitive', () => {
  it('marks and unmarks values', () => {
    const s = call('sensitive', 'secret');
    expect(s.isSensitive).toBe(true);
    const upper = call('upper', s);
    expect(upper.isSensitive).toBe(true);
    expect(upper.unmark().asString()).toBe('SECRET');
    expect(call('nonsensitive', s).isSensitive).toBe(false);
    expect(call('length', call('sensitive', ['a', 'b'])).isSensitive).toBe(true);
  });
});

describe('try and can', () => {
  const ctx = testContext();
  const fails = () => {
    throw new ValueError('This object does not have an attribute named "nope"');
  };

  it('try returns the first expression that succeeds', () => {
    expect(callLazyIn(ctx, 'try', fails, () => stringVal('fallback')).asString()).toBe('fallback');
    expect(callLazyIn(ctx, 'try', () => stringVal('first'), fails).asString()).toBe('first');
    expect(
      callLazyIn(
        ctx,
        'try',
        () => unknownVal(STRING),
        () => stringVal('x'),
      ).isKnown,
    ).toBe(false);
    expect(() => callLazyIn(ctx, 'try', fails)).toThrow(
      'no expression succeeded:\n- This object does not have an attribute named "nope"',
    );
  });

  it('can tells whether the expression succeeds', () => {
    expect(callLazyIn(ctx, 'can', fails).asBool()).toBe(false);
    expect(callLazyIn(ctx, 'can', () => stringVal('ok')).asBool()).toBe(true);
    expect(callLazyIn(ctx, 'can', () => unknownVal(DYNAMIC)).isKnown).toBe(false);
    expect(() => callLazyIn(ctx, 'can')).toThrow('Function "can" expects 1 argument(s).');
  });
});
