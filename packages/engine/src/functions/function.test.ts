import { describe, expect, it } from 'vitest';
import {
  DYNAMIC,
  SENSITIVE,
  STRING,
  listOf,
  listVal,
  nullVal,
  stringVal,
  unknownVal,
} from '../values/index.ts';
import { FunctionCallError, callFunction } from './function.ts';
import { createFunctionTable } from './table.ts';
import { call, callIn, testContext } from './test-support.ts';

function failure(body: () => unknown): FunctionCallError {
  try {
    body();
  } catch (error) {
    if (error instanceof FunctionCallError) return error;
    throw error;
  }
  throw new Error('expected a FunctionCallError');
}

describe('callFunction', () => {
  it('reports argument count problems as HCL does', () => {
    const few = failure(() => call('upper'));
    expect(few.summary).toBe('Not enough function arguments');
    expect(few.message).toBe('Function "upper" expects 1 argument(s). Missing value for "str".');
    const many = failure(() => call('upper', 'a', 'b'));
    expect(many.summary).toBe('Too many function arguments');
    expect(many.message).toBe('Function "upper" expects only 1 argument(s).');
    expect(many.argIndex).toBe(1);
  });

  it('names the argument that does not fit', () => {
    const e = failure(() => call('join', ',', 'not a list'));
    expect(e.summary).toBe('Invalid function argument');
    expect(e.message).toBe('Invalid value for "lists" parameter: list of string required.');
    expect(e.argIndex).toBe(1);
    const n = failure(() => call('upper', nullVal(STRING)));
    expect(n.message).toBe('Invalid value for "str" parameter: argument must not be null.');
  });

  it('wraps implementation errors with the function name', () => {
    const e = failure(() => call('index', ['a'], 'z'));
    expect(e.summary).toBe('Error in function call');
    expect(e.message).toBe('Call to function "index" failed: item not found.');
  });

  it('fails a call asking for more than the budgets allow before building it', () => {
    const e = failure(() => call('format', '%999999999d', 1));
    expect(e.summary).toBe('Error in function call');
    expect(e.message).toBe(
      'Call to function "format" failed: "%999999999d" would be 999999999 characters long, more than the 16777216 Kiln allows.',
    );
  });

  it('returns unknown of the return type without calling the implementation', () => {
    const u = call('upper', unknownVal(STRING));
    expect(u.isKnown).toBe(false);
    expect(u.type).toEqual(STRING);
    expect(call('split', ',', unknownVal(DYNAMIC)).type).toEqual(listOf(STRING));
    expect(call('join', ',', listVal([unknownVal(STRING)])).isKnown).toBe(false);
  });

  it('gives an unknown result for a bare null unless the parameter allows a dynamic type', () => {
    const formatted = call('format', '%s', nullVal(DYNAMIC));
    expect(formatted.isKnown).toBe(false);
    expect(formatted.type).toEqual(DYNAMIC);
    expect(call('jsonencode', nullVal(DYNAMIC)).asString()).toBe('null');
    expect(call('format', '%v', nullVal(STRING)).asString()).toBe('null');
  });

  it('carries marks from arguments to the result', () => {
    const r = call('join', '-', listVal([stringVal('a').mark(SENSITIVE), stringVal('b')]));
    expect(r.isSensitive).toBe(true);
    expect(r.unmark().asString()).toBe('a-b');
  });

  it('includes env only for variable defaults', () => {
    expect(createFunctionTable(testContext()).has('env')).toBe(false);
    const ctx = testContext(
      {},
      { allowEnv: true, env: (name) => (name === 'HOME' ? '/home/kiln' : undefined) },
    );
    expect(callIn(ctx, 'env', stringVal('HOME')).asString()).toBe('/home/kiln');
    expect(callIn(ctx, 'env', stringVal('NOPE')).asString()).toBe('');
  });

  it('refuses to call lazy functions with values', () => {
    const fn = createFunctionTable(testContext()).get('try');
    if (!fn) throw new Error('try missing');
    expect(() => callFunction(fn, [stringVal('x')])).toThrow('takes its arguments unevaluated');
  });
});
