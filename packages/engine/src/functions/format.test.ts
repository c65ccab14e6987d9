import { describe, expect, it } from 'vitest';
import {
  DYNAMIC,
  STRING,
  listOf,
  nullVal,
  numberVal,
  stringVal,
  tupleVal,
  unknownVal,
} from '../values/index.ts';
import { call, plain } from './test-support.ts';

const fmt = (...args: Parameters<typeof plain>) => plain('format', ...args);

describe('format', () => {
  it('formats the documented examples', () => {
    expect(fmt('Hello, %s!', 'Ander')).toBe('Hello, Ander!');
    expect(fmt('There are %d lights', 4)).toBe('There are 4 lights');
    expect(fmt('%%')).toBe('%');
  });

  it('prints %v by type: strings as-is, numbers as shortest %g, others as JSON', () => {
    expect(fmt('%v', 'hello')).toBe('hello');
    expect(fmt('%v', 1.5)).toBe('1.5');
    expect(fmt('%v', 123456)).toBe('123456');
    expect(fmt('%v', 1000000)).toBe('1e+06');
    expect(fmt('%v', 0.00001)).toBe('1e-05');
    expect(fmt('%v', true)).toBe('true');
    expect(fmt('%v', { b: 1, a: ['x'] })).toBe('{"a":["x"],"b":1}');
    expect(fmt('%v', nullVal(STRING))).toBe('null');
    expect(fmt('%#v', 'hello')).toBe('"hello"');
    expect(fmt('%#v', 1)).toBe('1');
  });

  it('formats numbers with Go verbs, flags, width and precision', () => {
    expect(fmt('%.2f', '3.14159')).toBe('3.14');
    expect(fmt('%f', 1.5)).toBe('1.500000');
    expect(fmt('%e', 1234.5678)).toBe('1.234568e+03');
    expect(fmt('%E', 0.000123)).toBe('1.230000E-04');
    expect(fmt('%g', 1e21)).toBe('1e+21');
    expect(fmt('%g', 100)).toBe('100');
    expect(fmt('%.3g', '3.14159')).toBe('3.14');
    expect(fmt('%8.3f|', '-3.14159')).toBe('  -3.142|');
    expect(fmt('%-8.1f|', 2.25)).toBe('2.2     |');
    expect(fmt('%08.2f', -1.5)).toBe('-0001.50');
    expect(fmt('%+d', 5)).toBe('+5');
    expect(fmt('%05d', 42)).toBe('00042');
    expect(fmt('%5d|%-5d|', 42, 42)).toBe('   42|42   |');
    expect(fmt('%x %X %o %b', 255, 255, 8, 5)).toBe('ff FF 10 101');
    expect(fmt('%d', '12')).toBe('12');
    expect(fmt('%d', '123456789012345678901234567890')).toBe('123456789012345678901234567890');
  });

  it('formats strings with width, precision in characters, and %q', () => {
    expect(fmt('%5s|%-5s|', 'ab', 'cd')).toBe('   ab|cd   |');
    expect(fmt('%.3s', 'abcdef')).toBe('abc');
    expect(fmt('%q', 'hi "there"')).toBe('"hi \\"there\\""');
    expect(fmt('%s', 12)).toBe('12');
    expect(fmt('%t', 'true')).toBe('true');
    expect(fmt('%3s|', '🤔')).toBe('  🤔|');
  });

  it('selects arguments by index', () => {
    expect(fmt('%s %[1]s', 'a')).toBe('a a');
    expect(fmt('%[2]s %[1]s', 'a', 'b')).toBe('b a');
    expect(fmt('%[2]s %s', 'a', 'b', 'c')).toBe('b c');
  });

  it('reports impossible formats with the verb and its offset', () => {
    expect(() => call('format', 'x %d', 1.5)).toThrow(
      'unsupported value for "%d" at 2: an integer is required',
    );
    expect(() => call('format', '%s %s', 'a')).toThrow(
      'not enough arguments for "%s" at 3: need index 2 but have 1 total',
    );
    expect(() => call('format', '%s', 'a', 'b')).toThrow('too many arguments; only 1 used by format string');
    expect(() => call('format', '%z', 'a')).toThrow("unsupported format verb 'z'");
    expect(() => call('format', '%d', 'x')).toThrow('unsupported value for "%d" at 0: a number is required');
    expect(() => call('format', '%s', nullVal(STRING))).toThrow('null value cannot be formatted');
  });

  it('is unknown when an argument is not known', () => {
    expect(call('format', '%s', unknownVal(STRING)).isKnown).toBe(false);
  });
});

describe('formatlist', () => {
  it('formats each element of the list arguments', () => {
    expect(plain('formatlist', 'Hello, %s!', ['Valentina', 'Ander'])).toEqual([
      'Hello, Valentina!',
      'Hello, Ander!',
    ]);
    expect(plain('formatlist', '%s, %s!', 'Salutations', ['Valentina', 'Ander'])).toEqual([
      'Salutations, Valentina!',
      'Salutations, Ander!',
    ]);
    expect(plain('formatlist', '%s=%d', ['a', 'b'], [1, 2])).toEqual(['a=1', 'b=2']);
    expect(plain('formatlist', 'x', [])).toEqual([]);
  });

  it('refuses lists of different lengths and keeps unknown elements unknown', () => {
    expect(() => call('formatlist', '%s%s', ['a'], ['b', 'c'])).toThrow(
      'argument 2 has length 2, which is inconsistent with argument 1 of length 1',
    );
    expect(call('formatlist', '%s', unknownVal(listOf(STRING))).isKnown).toBe(false);
    const partly = call('formatlist', '%s-%s', ['a', 'b'], tupleVal([stringVal('x'), unknownVal(DYNAMIC)]));
    expect(partly.asArray()[0]?.asString()).toBe('a-x');
    expect(partly.asArray()[1]?.isKnown).toBe(false);
    expect(call('formatlist', '%d', [numberVal(1)]).type).toEqual(listOf(STRING));
  });
});
