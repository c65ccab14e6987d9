import { describe, expect, it } from 'vitest';
import { rawEquals } from './equality.ts';
import { fromJson, fromJsonImplied, fromPlain, jsonString, toJson, toPlain } from './json.ts';
import { DYNAMIC, NUMBER, STRING, listOf, mapOf, objectOf, setOf, tupleOf } from './types.ts';
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

describe('toJson', () => {
  it('encodes compactly with sorted keys and plain numbers', () => {
    const v = objectVal({ z: numberVal('1e3'), a: listVal([stringVal('x')]), m: boolVal(false) });
    expect(toJson(v)).toBe('{"a":["x"],"m":false,"z":1000}');
    expect(toJson(nullVal(STRING))).toBe('null');
    expect(toJson(numberVal('0.1'))).toBe('0.1');
  });

  it('escapes HTML characters as Go does', () => {
    expect(toJson(stringVal('<a href="x">&</a>'))).toBe(
      '"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"',
    );
  });

  it('wraps dynamic values with their type', () => {
    expect(toJson(listVal([numberVal(1)]), DYNAMIC)).toBe('{"value":[1],"type":["list","number"]}');
  });

  it('refuses unknown values', () => {
    expect(() => toJson(listVal([unknownVal(STRING)]))).toThrow('element 0: value is not known yet');
  });
});

describe('fromJson', () => {
  it('decodes for a type', () => {
    const v = fromJson('{"a":[1,2],"b":null}', objectOf({ a: setOf(NUMBER), b: STRING }));
    expect(v.type).toEqual(objectOf({ a: setOf(NUMBER), b: STRING }));
    expect(v.asMap().get('b')?.isNull).toBe(true);
    expect(
      rawEquals(fromJson('{"value":["a"],"type":["list","string"]}', DYNAMIC), listVal([stringVal('a')])),
    ).toBe(true);
    expect(rawEquals(fromJson('{"x":"1"}', mapOf(NUMBER)), mapVal({ x: numberVal(1) }))).toBe(true);
  });

  it('decodes with implied types and full number precision', () => {
    const v = fromJsonImplied('{"n": 123456789012345678901234567890, "l": [1, "a"], "e": {}}');
    expect(v.asMap().get('n')?.asNumber().toString()).toBe('123456789012345678901234567890');
    expect(v.asMap().get('l')?.type).toEqual(tupleOf([NUMBER, STRING]));
    expect(fromJsonImplied('{"a":1,"a":2}').asMap().get('a')?.asNumber().toString()).toBe('2');
    expect(() => fromJsonImplied('[1,]')).toThrow('invalid JSON');
  });
});

describe('plain values', () => {
  it('round-trips plain data', () => {
    const data = { name: 'x', count: 3, tags: ['a', 'b'], nested: { ok: true, none: null } };
    const v = fromPlain(data);
    expect(toPlain(v)).toEqual(data);
    expect(fromPlain(['a', 'b'], listOf(STRING)).type).toEqual(listOf(STRING));
  });

  it('strips marks and refuses unknowns', () => {
    expect(toPlain(setVal([stringVal('b'), stringVal('a').mark(SENSITIVE)]))).toEqual(['a', 'b']);
    expect(toPlain(tupleVal([stringVal('s').mark(SENSITIVE)]))).toEqual(['s']);
    expect(() => toPlain(objectVal({ a: unknownVal(STRING) }))).toThrow(
      'attribute "a": value is not known yet',
    );
  });
});

describe('fromPlain numbers', () => {
  it('reads plain numbers as their decimal text, at full precision like cty', () => {
    const tenth = fromPlain(0.1).asNumber();
    expect(tenth.precision).toBe(512);
    expect(tenth.equals(numberVal('0.1').asNumber())).toBe(true);
    expect(fromPlain(1e21).asNumber().toString()).toBe('1000000000000000000000');
  });

  it('writes strings as Go does: HTML-safe, a lone surrogate as U+FFFD', () => {
    expect(jsonString('a<b>&\u2028')).toBe('"a\\u003cb\\u003e\\u0026\\u2028"');
    expect(jsonString('x\ud800y')).toBe('"x\\ufffdy"');
    expect(jsonString('😀')).toBe('"😀"');
  });
});
