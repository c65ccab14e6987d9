import { describe, expect, it } from 'vitest';
import {
  BOOL,
  DYNAMIC,
  NUMBER,
  STRING,
  listOf,
  listVal,
  mapOf,
  mapVal,
  nullVal,
  numberVal,
  setVal,
  objectOf,
  setOf,
  stringVal,
  tupleOf,
  unknownVal,
} from '../values/index.ts';
import { call, plain } from './test-support.ts';

describe('list functions', () => {
  it('chunks, compacts, concatenates', () => {
    expect(plain('chunklist', ['a', 'b', 'c', 'd', 'e'], 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(plain('chunklist', ['a', 'b'], 0)).toEqual([['a', 'b']]);
    expect(plain('compact', ['a', '', 'b', null, 'c'])).toEqual(['a', 'b', 'c']);
    expect(plain('concat', ['a', ''], ['b', 'c'])).toEqual(['a', '', 'b', 'c']);
    expect(call('concat', listVal([stringVal('a')]), listVal([stringVal('b')])).type).toEqual(listOf(STRING));
    expect(call('concat', ['a'], [1]).type).toEqual(tupleOf([STRING, NUMBER]));
    expect(() => call('concat', 'a')).toThrow('all arguments must be lists or tuples; got string');
  });

  it('searches', () => {
    expect(plain('contains', ['a', 'b', 'c'], 'a')).toBe(true);
    expect(plain('contains', ['a', 'b', 'c'], 'd')).toBe(false);
    expect(plain('contains', [1, 2], '1')).toBe(false);
    expect(call('contains', [unknownVal(STRING)], 'a').isKnown).toBe(false);
    expect(plain('index', ['a', 'b', 'c'], 'b')).toBe(1);
    expect(() => call('index', ['a'], 'z')).toThrow('item not found');
    expect(plain('element', ['a', 'b', 'c'], 1)).toBe('b');
    expect(plain('element', ['a', 'b', 'c'], 3)).toBe('a');
    expect(() => call('element', [], 0)).toThrow('cannot use element function with an empty list');
    expect(() => call('element', ['a'], -1)).toThrow('cannot use element function with a negative index');
  });

  it('deduplicates, flattens, reverses, slices, sorts', () => {
    expect(plain('distinct', ['a', 'b', 'a', 'c', 'd', 'b'])).toEqual(['a', 'b', 'c', 'd']);
    expect(plain('flatten', [['a', 'b'], [], ['c']])).toEqual(['a', 'b', 'c']);
    expect(plain('flatten', [[['a', 'b'], []], ['c']])).toEqual(['a', 'b', 'c']);
    expect(plain('reverse', [1, 2, 3])).toEqual([3, 2, 1]);
    expect(plain('slice', ['a', 'b', 'c', 'd'], 1, 3)).toEqual(['b', 'c']);
    expect(() => call('slice', ['a'], 0, 2)).toThrow(
      'end index must not be greater than the length of the list',
    );
    expect(plain('sort', ['e', 'd', 'a', 'x'])).toEqual(['a', 'd', 'e', 'x']);
    expect(plain('sort', [10, 9, 1])).toEqual(['1', '10', '9']);
  });

  it('measures length of collections, structures and strings', () => {
    expect(plain('length', [])).toBe(0);
    expect(plain('length', ['a', 'b'])).toBe(2);
    expect(plain('length', { a: 'b' })).toBe(1);
    expect(plain('length', 'hello')).toBe(5);
    expect(plain('length', '👾🕹️')).toBe(2);
    expect(call('length', unknownVal(listOf(STRING))).isKnown).toBe(false);
    expect(() => call('length', 5)).toThrow(
      'argument must be a string, a collection type, or a structural type',
    );
  });

  it('ranges', () => {
    expect(plain('range', 3)).toEqual([0, 1, 2]);
    expect(plain('range', 1, 4)).toEqual([1, 2, 3]);
    expect(plain('range', 1, 8, 2)).toEqual([1, 3, 5, 7]);
    expect(plain('range', 1, 4, 0.5)).toEqual([1, 1.5, 2, 2.5, 3, 3.5]);
    expect(plain('range', 4, 1)).toEqual([4, 3, 2]);
    expect(plain('range', 10, 5, -2)).toEqual([10, 8, 6]);
    expect(plain('range', 0)).toEqual([]);
    expect(() => call('range', 1, 2, 0)).toThrow('step must not be zero');
    expect(() => call('range', 1, 4, -1)).toThrow('step must be positive when start is less than limit');
  });

  it('sums and tests bools', () => {
    expect(plain('sum', [10, 13, 6, 4.5])).toBe(33.5);
    expect(
      call('sum', [numberVal('0.1'), numberVal('0.2')])
        .asNumber()
        .toString(),
    ).toBe('0.3');
    expect(() => call('sum', [])).toThrow('cannot sum an empty list');
    expect(plain('alltrue', ['true', true])).toBe(true);
    expect(plain('alltrue', [true, false])).toBe(false);
    expect(plain('alltrue', [])).toBe(true);
    expect(plain('anytrue', ['true', false])).toBe(true);
    expect(plain('anytrue', [])).toBe(false);
    expect(call('anytrue', [false, unknownVal(BOOL)]).isKnown).toBe(false);
  });

  it('coalesces', () => {
    expect(plain('coalesce', 'a', 'b')).toBe('a');
    expect(plain('coalesce', '', 'b')).toBe('b');
    expect(plain('coalesce', 1, 2)).toBe(1);
    expect(plain('coalesce', nullVal(STRING), 'x')).toBe('x');
    expect(plain('coalesce', 1, 'a')).toBe('1');
    expect(() => call('coalesce', nullVal(STRING), '')).toThrow('no non-null, non-empty-string arguments');
    expect(() => call('coalesce', 1, true)).toThrow('all arguments must have the same type');
    expect(plain('coalescelist', ['a', 'b'], ['c', 'd'])).toEqual(['a', 'b']);
    expect(plain('coalescelist', [], ['c', 'd'])).toEqual(['c', 'd']);
  });

  it('takes lists and tuples only in coalescelist, as cty does', () => {
    expect(() => call('coalescelist', setVal([stringVal('a')]))).toThrow(
      'coalescelist arguments must be lists or tuples',
    );
    expect(() => call('coalescelist', nullVal(DYNAMIC), ['c'])).toThrow('must be lists or tuples');
  });
});

describe('map functions', () => {
  it('lists keys and values in key order', () => {
    expect(plain('keys', { a: 1, c: 2, d: 3 })).toEqual(['a', 'c', 'd']);
    expect(call('keys', mapVal({ b: numberVal(1) })).type).toEqual(listOf(STRING));
    expect(plain('values', { a: 3, c: 2, d: 1 })).toEqual([3, 2, 1]);
    expect(call('values', mapVal({ b: numberVal(1) })).type).toEqual(listOf(NUMBER));
  });

  it('looks keys up with defaults', () => {
    expect(plain('lookup', { a: 'ay', b: 'bee' }, 'a', 'what?')).toBe('ay');
    expect(plain('lookup', { a: 'ay', b: 'bee' }, 'c', 'what?')).toBe('what?');
    expect(plain('lookup', mapVal({ a: numberVal(1) }), 'a', 0)).toBe(1);
    expect(() => call('lookup', { a: 'ay' }, 'c')).toThrow('Missing value for "default"');
    expect(() => call('lookup', {}, 'c', nullVal(DYNAMIC))).toThrow(
      'Invalid value for "default" parameter: argument must not be null.',
    );
  });

  it('merges, later arguments winning', () => {
    expect(plain('merge', { a: 'b', c: 'd' }, { e: 'f', c: 'z' })).toEqual({ a: 'b', c: 'z', e: 'f' });
    expect(plain('merge', { a: 'b' }, { a: [1, 2], c: 'z' }, { d: 3 })).toEqual({ a: [1, 2], c: 'z', d: 3 });
    const maps = call('merge', mapVal({ a: stringVal('x') }), mapVal({ b: stringVal('y') }));
    expect(maps.type).toEqual(mapOf(STRING));
    expect(call('merge', { a: 1 }, nullVal(mapOf(STRING))).type).toEqual(objectOf({ a: NUMBER }));
  });

  it('zips', () => {
    expect(plain('zipmap', ['a', 'b'], [1, 2])).toEqual({ a: 1, b: 2 });
    expect(call('zipmap', ['a', 'b'], listVal([numberVal(1), numberVal(2)])).type).toEqual(mapOf(NUMBER));
    expect(() => call('zipmap', ['a'], [1, 2])).toThrow(
      'number of keys (1) does not match number of values (2)',
    );
  });
});

describe('set functions', () => {
  it('intersects, unions and multiplies', () => {
    expect(plain('setintersection', ['a', 'b'], ['b', 'c'], ['b', 'd'])).toEqual(['b']);
    expect(plain('setunion', ['a', 'b'], ['b', 'c'], ['d'])).toEqual(['a', 'b', 'c', 'd']);
    expect(call('setunion', ['a'], ['b']).type).toEqual(setOf(STRING));
    expect(plain('setproduct', ['development', 'staging'], ['app1', 'app2'])).toEqual([
      ['development', 'app1'],
      ['development', 'app2'],
      ['staging', 'app1'],
      ['staging', 'app2'],
    ]);
    expect(call('setproduct', ['a'], ['b']).type).toEqual(listOf(tupleOf([STRING, STRING])));
  });
});
