import { describe, expect, it } from 'vitest';
import {
  BOOL,
  DYNAMIC,
  NUMBER,
  SENSITIVE,
  STRING,
  ValueError,
  objectOf,
  stringVal,
  toPlain,
  unknownVal,
} from '../values/index.ts';
import { typeArgumentValue } from './conversion.ts';
import { createFunctionTable } from './table.ts';
import { call, callLazyIn, testContext } from './test-support.ts';

describe('convert', () => {
  it('converts to a type expression', () => {
    const v = call('convert', { a: '1' }, typeArgumentValue(objectOf({ a: NUMBER })));
    expect(v.type).toEqual(objectOf({ a: NUMBER }));
    expect(toPlain(v)).toEqual({ a: 1 });
    expect(() => call('convert', 'x', 'list(string)')).toThrow('a type expression is required');
    expect(() => call('convert', 'x', typeArgumentValue(BOOL))).toThrow('a bool is required');
  });
});

describe('the function table', () => {
  it('holds only what Packer 1.16 exposes: cty conversions such as tostring are unknown there', () => {
    const table = createFunctionTable(testContext());
    for (const name of [
      'tostring',
      'tolist',
      'tomap',
      'sensitive',
      'nonsensitive',
      'one',
      'transpose',
      'filemd5',
    ]) {
      expect(table.has(name), name).toBe(false);
    }
    expect(table.has('convert')).toBe(true);
  });
});

describe('sensitive values', () => {
  it('stay sensitive through functions', () => {
    const s = stringVal('secret').mark(SENSITIVE);
    const upper = call('upper', s);
    expect(upper.isSensitive).toBe(true);
    expect(upper.unmark().asString()).toBe('SECRET');
    expect(call('length', s).isSensitive).toBe(true);
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
