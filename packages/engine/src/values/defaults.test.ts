import { describe, expect, it } from 'vitest';
import { convert } from './convert.ts';
import { applyTypeDefaults } from './defaults.ts';
import { fromPlain, toPlain } from './json.ts';
import {
  BOOL,
  NUMBER,
  STRING,
  type Type,
  listOf,
  mapOf,
  objectOf,
  setOf,
  tupleOf,
  typeName,
} from './types.ts';
import {
  SENSITIVE,
  boolVal,
  listVal,
  nullVal,
  numberVal,
  objectVal,
  stringVal,
  tupleVal,
  unknownVal,
} from './value.ts';

/** object({ name = string, port = optional(number, 22), user = optional(string) }) */
const server = objectOf({ name: STRING, port: NUMBER, user: STRING }, ['port', 'user'], {
  port: numberVal(22),
});

/** Applies the defaults, converts as a variable would, and returns plain data. */
function settle(data: Parameters<typeof fromPlain>[0], type: Type): unknown {
  return toPlain(convert(applyTypeDefaults(fromPlain(data), type), type));
}

describe('applyTypeDefaults', () => {
  it('fills a missing optional attribute with its default and leaves the others null', () => {
    expect(settle({ name: 'a' }, server)).toEqual({ name: 'a', port: 22, user: null });
  });

  it('fills an attribute given as null, and keeps one that is set', () => {
    const value = objectVal({ name: stringVal('a'), port: nullVal(NUMBER) });
    expect(toPlain(applyTypeDefaults(value, server))).toEqual({ name: 'a', port: 22 });
    expect(settle({ name: 'a', port: 2222 }, server)).toEqual({ name: 'a', port: 2222, user: null });
  });

  it('leaves a null or unknown value alone', () => {
    const missing = nullVal(server);
    expect(applyTypeDefaults(missing, server)).toBe(missing);
    const later = unknownVal(server);
    expect(applyTypeDefaults(later, server)).toBe(later);
  });

  it('leaves values of types without defaults untouched', () => {
    const value = fromPlain({ name: 'a' });
    expect(applyTypeDefaults(value, objectOf({ name: STRING, port: NUMBER }, ['port']))).toBe(value);
  });

  it('walks into nested objects, and completes a default with the defaults below it', () => {
    const inner = objectOf({ p: STRING, q: STRING }, ['p'], { p: stringVal('pp') });
    const outer = objectOf({ a: inner }, ['a'], {
      a: convert(objectVal({ q: stringVal('qq') }), inner),
    });
    expect(settle({}, outer)).toEqual({ a: { p: 'pp', q: 'qq' } });
    expect(settle({ a: { q: 'given' } }, outer)).toEqual({ a: { p: 'pp', q: 'given' } });
  });

  it('applies element defaults in lists, sets, maps and tuples', () => {
    expect(settle([{ name: 'a' }, { name: 'b', port: 1 }], listOf(server))).toEqual([
      { name: 'a', port: 22, user: null },
      { name: 'b', port: 1, user: null },
    ]);
    expect(settle({ x: { name: 'a' } }, mapOf(server))).toEqual({ x: { name: 'a', port: 22, user: null } });
    expect(settle([{ name: 'a' }, { name: 'a', port: 22 }], setOf(server))).toEqual([
      { name: 'a', port: 22, user: null },
    ]);
    expect(settle([{ name: 'a' }, 'x'], tupleOf([server, STRING]))).toEqual([
      { name: 'a', port: 22, user: null },
      'x',
    ]);
  });

  it('keeps a list a list when the completed elements share a type', () => {
    const list = listVal([objectVal({ name: stringVal('a') }), objectVal({ name: stringVal('b') })]);
    const applied = applyTypeDefaults(list, listOf(server));
    expect(typeName(applied.type)).toBe('list of object');
    expect(toPlain(applied)).toEqual([
      { name: 'a', port: 22 },
      { name: 'b', port: 22 },
    ]);
  });

  it('completes the elements of a tuple one by one and keeps it a tuple', () => {
    const withDefault = objectOf({ a: STRING, b: BOOL }, ['a'], { a: stringVal('x') });
    const list = listVal([objectVal({ b: boolVal(true) }), objectVal({ b: boolVal(false) })]);
    expect(applyTypeDefaults(list, listOf(withDefault)).type.kind).toBe('list');
    const mixed = tupleVal([
      objectVal({ b: boolVal(true) }),
      objectVal({ a: stringVal('y'), b: boolVal(true) }),
    ]);
    const applied = applyTypeDefaults(mixed, listOf(withDefault));
    expect(applied.type.kind).toBe('tuple');
    expect(toPlain(applied)).toEqual([
      { a: 'x', b: true },
      { a: 'y', b: true },
    ]);
  });

  it('keeps the marks of the values it rebuilds', () => {
    const secret = objectVal({ name: stringVal('a') }).mark(SENSITIVE);
    const applied = applyTypeDefaults(secret, server);
    expect(applied.isSensitive).toBe(true);
    expect(toPlain(applied.unmark())).toEqual({ name: 'a', port: 22 });
  });

  it('returns a value of the wrong shape as it is, for the conversion to reject', () => {
    const wrong = stringVal('not an object');
    expect(applyTypeDefaults(wrong, server)).toBe(wrong);
    expect(() => convert(applyTypeDefaults(wrong, server), server)).toThrow('object required');
  });
});

describe('convert to types with optional attributes', () => {
  it('gives collections element types without optional markers', () => {
    const converted = convert(fromPlain([{ name: 'a' }, { name: 'b', user: 'u' }, null]), listOf(server));
    expect(typeName(converted.type)).toBe('list of object');
    const element = converted.type.kind === 'list' ? converted.type.element : undefined;
    expect(element?.kind === 'object' && element.optional).toBeUndefined();
    expect(toPlain(converted)).toEqual([
      { name: 'a', port: null, user: null },
      { name: 'b', port: null, user: 'u' },
      null,
    ]);
  });
});
