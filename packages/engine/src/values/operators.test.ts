import { describe, expect, it } from 'vitest';
import { getAttr, index } from './access.ts';
import { equals, rawEquals } from './equality.ts';
import { OperationError } from './errors.ts';
import { binaryOperation, negate, not } from './operators.ts';
import { BOOL, DYNAMIC, NUMBER, STRING, listOf, objectOf } from './types.ts';
import {
  SENSITIVE,
  boolVal,
  listVal,
  mapVal,
  nullVal,
  numberVal,
  objectVal,
  stringVal,
  tupleVal,
  unknownVal,
} from './value.ts';

const num = numberVal;
const str = (v: ReturnType<typeof num>) => v.unmark().asNumber().toString();

describe('arithmetic', () => {
  it('computes exactly and converts string operands', () => {
    expect(str(binaryOperation('+', num('0.1'), num('0.2')))).toBe('0.3');
    expect(str(binaryOperation('*', stringVal('2'), num(3)))).toBe('6');
    expect(str(binaryOperation('/', num(7), num(2)))).toBe('3.5');
    expect(str(binaryOperation('%', num(-7), num(3)))).toBe('-1');
    expect(str(binaryOperation('-', num(1), num(3)))).toBe('-2');
    expect(str(negate(num(4)))).toBe('-4');
  });

  it('names the operand that does not convert', () => {
    expect(() => binaryOperation('+', stringVal('a'), num(1))).toThrow(
      'Unsuitable value for left operand: a number is required',
    );
    expect(() => binaryOperation('+', num(1), boolVal(true))).toThrow(
      'Unsuitable value for right operand: number required',
    );
    expect(() => binaryOperation('+', num(1), nullVal(NUMBER))).toThrow('argument must not be null');
    expect(() => binaryOperation('/', num(0), num(0))).toThrow(OperationError);
    expect(() => binaryOperation('/', num(0), num(0))).toThrow(
      "can't divide zero by zero or infinity by infinity",
    );
  });

  it('gives unknown results for unknown operands and keeps sensitivity', () => {
    const u = binaryOperation('+', unknownVal(DYNAMIC), num(1));
    expect(u.isKnown).toBe(false);
    expect(u.type).toEqual(NUMBER);
    const s = binaryOperation('*', num(2).mark(SENSITIVE), num(3));
    expect(s.isSensitive).toBe(true);
    expect(str(s)).toBe('6');
    expect(binaryOperation('+', unknownVal(NUMBER).mark(SENSITIVE), num(1)).isSensitive).toBe(true);
  });
});

describe('comparison and logic', () => {
  it('compares numbers', () => {
    expect(binaryOperation('<', num(2), num(10)).asBool()).toBe(true);
    expect(binaryOperation('>=', stringVal('10'), num(10)).asBool()).toBe(true);
    expect(binaryOperation('>', unknownVal(NUMBER), num(1)).isKnown).toBe(false);
  });

  it('short-circuits known results past unknown operands', () => {
    expect(binaryOperation('&&', boolVal(false), unknownVal(BOOL)).asBool()).toBe(false);
    expect(binaryOperation('||', unknownVal(BOOL), boolVal(true)).asBool()).toBe(true);
    expect(binaryOperation('&&', boolVal(true), unknownVal(BOOL)).isKnown).toBe(false);
    expect(not(stringVal('false')).asBool()).toBe(true);
    expect(() => binaryOperation('||', num(1), boolVal(true))).toThrow('left operand: bool required');
  });
});

describe('equality', () => {
  it('compares without conversion', () => {
    expect(equals(num(1), stringVal('1')).asBool()).toBe(false);
    expect(equals(num('1.0'), num(1)).asBool()).toBe(true);
    expect(equals(nullVal(STRING), nullVal(NUMBER)).asBool()).toBe(true);
    expect(equals(nullVal(STRING), stringVal('')).asBool()).toBe(false);
    expect(equals(listVal([num(1)]), listVal([num(1)])).asBool()).toBe(true);
    expect(equals(tupleVal([num(1)]), listVal([num(1)])).asBool()).toBe(false);
    expect(binaryOperation('!=', stringVal('a'), stringVal('b')).asBool()).toBe(true);
  });

  it('is unknown when the answer depends on an unknown', () => {
    expect(equals(unknownVal(STRING), stringVal('a')).isKnown).toBe(false);
    expect(equals(listVal([unknownVal(NUMBER)]), listVal([num(1)])).isKnown).toBe(false);
    expect(equals(listVal([unknownVal(NUMBER), num(2)]), listVal([num(1), num(3)])).asBool()).toBe(false);
  });

  it('keeps marks and tells marked values apart in rawEquals', () => {
    expect(equals(stringVal('a').mark(SENSITIVE), stringVal('a')).isSensitive).toBe(true);
    expect(rawEquals(stringVal('a').mark(SENSITIVE), stringVal('a'))).toBe(false);
  });
});

describe('access', () => {
  const obj = objectVal({ name: stringVal('web'), tags: listVal([stringVal('a'), stringVal('b')]) });

  it('reads attributes and indexes', () => {
    expect(getAttr(obj, 'name').asString()).toBe('web');
    expect(index(getAttr(obj, 'tags'), num(1)).asString()).toBe('b');
    expect(index(getAttr(obj, 'tags'), stringVal('0')).asString()).toBe('a');
    expect(
      index(mapVal({ k: num(1) }), stringVal('k'))
        .asNumber()
        .toString(),
    ).toBe('1');
    expect(() => getAttr(obj, 'nope')).toThrow('does not have an attribute named "nope"');
    expect(() => index(getAttr(obj, 'tags'), num(2))).toThrow('does not identify an element');
    expect(() => getAttr(nullVal(objectOf({})), 'a')).toThrow('null value');
  });

  it('gives unknowns of the right type and keeps marks', () => {
    const u = getAttr(unknownVal(objectOf({ a: listOf(STRING) })), 'a');
    expect(u.isKnown).toBe(false);
    expect(u.type).toEqual(listOf(STRING));
    expect(index(listVal([stringVal('x')]), unknownVal(NUMBER)).type).toEqual(STRING);
    expect(getAttr(obj.mark(SENSITIVE), 'name').isSensitive).toBe(true);
  });
});
