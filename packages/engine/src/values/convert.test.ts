import { describe, expect, it } from 'vitest';
import { convert, unify } from './convert.ts';
import { rawEquals } from './equality.ts';
import {
  BOOL,
  DYNAMIC,
  NUMBER,
  STRING,
  listOf,
  mapOf,
  objectOf,
  setOf,
  tupleOf,
  typeExpression,
  typeName,
} from './types.ts';
import {
  SENSITIVE,
  boolVal,
  listVal,
  mapVal,
  nullVal,
  numberVal,
  objectVal,
  setVal,
  stringVal,
  tupleVal,
  unknownVal,
} from './value.ts';

const s = stringVal;
const num = numberVal;

describe('typeName', () => {
  it('prints like cty', () => {
    expect(typeName(listOf(STRING))).toBe('list of string');
    expect(typeName(mapOf(listOf(NUMBER)))).toBe('map of list of number');
    expect(typeName(setOf(BOOL))).toBe('set of bool');
    expect(typeName(tupleOf([STRING]))).toBe('tuple');
    expect(typeName(objectOf({ a: STRING }))).toBe('object');
    expect(typeName(DYNAMIC)).toBe('dynamic');
    expect(typeExpression(objectOf({ b: NUMBER, a: listOf(DYNAMIC) }))).toBe(
      'object({a=list(any), b=number})',
    );
  });
});

describe('convert primitives', () => {
  it('converts numbers and bools to strings', () => {
    expect(convert(num('1.50'), STRING).asString()).toBe('1.5');
    expect(convert(num(1e21), STRING).asString()).toBe('1000000000000000000000');
    expect(convert(boolVal(true), STRING).asString()).toBe('true');
  });

  it('converts strings to numbers and bools when the content allows', () => {
    expect(convert(s('12.5'), NUMBER).asNumber().toString()).toBe('12.5');
    expect(() => convert(s('twelve'), NUMBER)).toThrow('a number is required');
    expect(convert(s('true'), BOOL).asBool()).toBe(true);
    expect(convert(s('0'), BOOL).asBool()).toBe(false);
    expect(() => convert(s('True'), BOOL)).toThrow(
      'a bool is required; to convert from string, use lowercase "true"',
    );
    expect(() => convert(s('yes'), BOOL)).toThrow('a bool is required');
  });

  it('refuses number to bool and collections to primitives', () => {
    expect(() => convert(num(1), BOOL)).toThrow('bool required');
    expect(() => convert(listVal([s('a')]), STRING)).toThrow('string required');
  });

  it('converts null and unknown to the target type when the types allow', () => {
    const n = convert(nullVal(NUMBER), STRING);
    expect(n.isNull).toBe(true);
    expect(n.type).toEqual(STRING);
    const u = convert(unknownVal(DYNAMIC), listOf(STRING));
    expect(u.isKnown).toBe(false);
    expect(u.type).toEqual(listOf(STRING));
    expect(() => convert(unknownVal(BOOL), NUMBER)).toThrow('number required');
  });

  it('keeps marks', () => {
    const v = convert(num(5).mark(SENSITIVE), STRING);
    expect(v.isSensitive).toBe(true);
    expect(v.unmark().asString()).toBe('5');
  });
});

describe('convert collections and structures', () => {
  it('converts a tuple to a list of a given element type, with the path of a failure', () => {
    const t = tupleVal([s('a'), num(1), boolVal(true)]);
    const l = convert(t, listOf(STRING));
    expect(l.type).toEqual(listOf(STRING));
    expect(l.asArray().map((e) => e.asString())).toEqual(['a', '1', 'true']);
    expect(() => convert(tupleVal([s('a'), s('b')]), listOf(NUMBER))).toThrow(
      'element 0: a number is required',
    );
  });

  it('keeps elements all of the dynamic type (nulls, unknowns) in a list(any), as cty does', () => {
    const l = convert(tupleVal([nullVal(DYNAMIC), unknownVal(DYNAMIC)]), listOf(DYNAMIC));
    expect(l.isKnown).toBe(true);
    expect(l.type).toEqual(listOf(DYNAMIC));
    expect(l.asArray().map((e) => [e.isKnown, e.isKnown && e.isNull])).toEqual([
      [true, true],
      [false, false],
    ]);
    const m = convert(objectVal({ a: nullVal(DYNAMIC) }), mapOf(DYNAMIC));
    expect(m.isKnown && m.asMap().get('a')?.isNull).toBe(true);
  });

  it('unifies element types for list(any)', () => {
    const l = convert(tupleVal([s('a'), num(1)]), listOf(DYNAMIC));
    expect(l.type).toEqual(listOf(STRING));
    expect(() => convert(tupleVal([num(1), boolVal(true)]), listOf(DYNAMIC))).toThrow(
      'all list elements must have the same type',
    );
    expect(convert(tupleVal([]), listOf(DYNAMIC)).type).toEqual(listOf(DYNAMIC));
    const keep = listVal([], STRING);
    expect(convert(keep, listOf(DYNAMIC))).toBe(keep);
  });

  it('converts a list to a set, deduplicating and ordering', () => {
    const set = convert(listVal([s('b'), s('a'), s('b')]), setOf(STRING));
    expect(set.asArray().map((e) => e.asString())).toEqual(['a', 'b']);
    const nums = setVal([num(10), num(2), num(2)]);
    expect(nums.asArray().map((e) => e.asNumber().toString())).toEqual(['2', '10']);
  });

  it('converts objects to maps and maps to objects', () => {
    const o = objectVal({ b: num(2), a: s('x') });
    const m = convert(o, mapOf(STRING));
    expect(m.type).toEqual(mapOf(STRING));
    expect([...m.asMap()].map(([k, v]) => [k, v.asString()])).toEqual([
      ['a', 'x'],
      ['b', '2'],
    ]);
    const back = convert(mapVal({ a: s('1'), extra: s('e') }), objectOf({ a: NUMBER }));
    expect(back.type).toEqual(objectOf({ a: NUMBER }));
    expect(() => convert(mapVal({ b: s('1') }), objectOf({ a: NUMBER }))).toThrow(
      'attribute "a" is required',
    );
  });

  it('fills optional object attributes with null', () => {
    const target = objectOf({ a: STRING, b: NUMBER }, ['b']);
    const v = convert(objectVal({ a: s('x') }), target);
    expect(v.type).toEqual(objectOf({ a: STRING, b: NUMBER }));
    expect(v.asMap().get('b')?.isNull).toBe(true);
  });

  it('converts tuples to tuples element by element and checks the length', () => {
    const v = convert(tupleVal([num(1), s('2')]), tupleOf([STRING, NUMBER]));
    expect(rawEquals(v, tupleVal([s('1'), num(2)]))).toBe(true);
    expect(() => convert(tupleVal([num(1)]), tupleOf([STRING, NUMBER]))).toThrow('exactly 2 elements');
  });
});

describe('unify', () => {
  it('unifies primitives to string, objects to maps, tuples to lists', () => {
    expect(unify([STRING, NUMBER])).toEqual(STRING);
    expect(unify([NUMBER, BOOL])).toBeNull();
    expect(unify([objectOf({ a: STRING }), objectOf({ b: NUMBER })])).toEqual(mapOf(STRING));
    expect(unify([objectOf({ a: STRING }), objectOf({ a: NUMBER })])).toEqual(objectOf({ a: STRING }));
    expect(unify([tupleOf([STRING]), tupleOf([STRING, STRING])])).toEqual(listOf(STRING));
    expect(unify([STRING, DYNAMIC])).toEqual(STRING);
    expect(unify([DYNAMIC, DYNAMIC])).toEqual(DYNAMIC);
  });
});
