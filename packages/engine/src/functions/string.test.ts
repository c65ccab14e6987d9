import { describe, expect, it } from 'vitest';
import { NUMBER, STRING, listOf, listVal, nullVal, objectOf, stringVal, tupleOf } from '../values/index.ts';
import { call, plain } from './test-support.ts';

describe('string functions', () => {
  it('changes case', () => {
    expect(plain('upper', 'hello')).toBe('HELLO');
    expect(plain('lower', 'АЛЛО!')).toBe('алло!');
    expect(plain('title', 'hello world')).toBe('Hello World');
    expect(plain('title', "o'neil is-here_too")).toBe("O'Neil Is-Here_too");
  });

  it('maps case one character at a time, as Go does', () => {
    expect(plain('upper', 'straße ﬁ')).toBe('STRAßE ﬁ');
    expect(plain('lower', 'ΟΔΟΣ')).toBe('οδοσ');
    expect(plain('lower', 'İ')).toBe('i');
    expect(plain('title', 'ßa')).toBe('ßa');
  });

  it('trims', () => {
    expect(plain('trim', '?!hello?!', '!?')).toBe('hello');
    expect(plain('trimprefix', 'helloworld', 'hello')).toBe('world');
    expect(plain('trimprefix', 'helloworld', 'cat')).toBe('helloworld');
    expect(plain('trimsuffix', 'helloworld', 'world')).toBe('hello');
    expect(plain('trimspace', '  hello\n\n')).toBe('hello');
    expect(plain('chomp', 'hello\n')).toBe('hello');
    expect(plain('chomp', 'hello\r\n')).toBe('hello');
    expect(plain('chomp', 'hello\n\n')).toBe('hello');
    expect(plain('chomp', 'hello\n  ')).toBe('hello\n  ');
  });

  it('fails on a negative indent as Go panics', () => {
    expect(() => call('indent', -1, 'a\nb')).toThrow('negative Repeat count');
  });

  it('indents every line but the first', () => {
    expect(plain('indent', 2, '[\n  foo,\n  bar,\n]\n')).toBe('[\n    foo,\n    bar,\n  ]\n  ');
  });

  it('joins and splits', () => {
    expect(plain('join', ', ', ['foo', 'bar', 'baz'])).toBe('foo, bar, baz');
    expect(plain('join', ', ', ['foo'])).toBe('foo');
    expect(plain('join', '-', ['a'], ['b', 'c'])).toBe('a-b-c');
    expect(plain('split', ',', 'foo,bar,baz')).toEqual(['foo', 'bar', 'baz']);
    expect(plain('split', ',', 'foo')).toEqual(['foo']);
    expect(plain('split', ',', '')).toEqual(['']);
    expect(call('split', ',', 'a').type).toEqual(listOf(STRING));
    expect(() => call('join', ',', listVal([stringVal('a'), nullVal(STRING)]))).toThrow(
      'Invalid value for "lists" parameter: element 1 is null; cannot concatenate null values.',
    );
  });

  it('replaces literal substrings only, as cty (not Terraform) does', () => {
    expect(plain('replace', '1 + 2 + 3', '+', '-')).toBe('1 - 2 - 3');
    expect(plain('replace', 'hello world', '/w.*d/', 'everybody')).toBe('hello world');
    expect(plain('replace', 'a/w/b', '/w/', '$0')).toBe('a$0b');
    expect(plain('replace', 'hé😀', '', '-')).toBe('-h-é-😀-');
    expect(plain('replace', '', '', 'x')).toBe('x');
    expect(plain('regex_replace', 'a1b22', '[0-9]+', '#')).toBe('a#b#');
  });

  it('matches regular expressions with cty result shapes', () => {
    expect(plain('regex', '[a-z]+', '53453453.345345aaabbbccc23454')).toBe('aaabbbccc');
    expect(plain('regex', '(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)', '2019-02-01')).toEqual(['2019', '02', '01']);
    const url = call(
      'regex',
      '^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?',
      'https://terraform.io/docs/',
    );
    expect(url.type).toEqual(objectOf({ authority: STRING, scheme: STRING }));
    expect(
      plain(
        'regex',
        '^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?',
        'https://terraform.io/docs/',
      ),
    ).toEqual({
      authority: 'terraform.io',
      scheme: 'https',
    });
    expect(plain('regex', '(a)(x)?', 'a')).toEqual(['a', null]);
    expect(call('regex', '(a)(b)', 'ab').type).toEqual(tupleOf([STRING, STRING]));
    expect(plain('regex', '(?i)HELLO', 'say hello')).toBe('hello');
    expect(() => call('regex', '[a-z]+', '53453453.34534523454')).toThrow(
      'pattern did not match any part of the given string',
    );
    expect(() => call('regex', '(', 'x')).toThrow(
      'Invalid value for "pattern" parameter: invalid regexp pattern: Unterminated group.',
    );
    expect(() => call('regex', '(?P<a>x)(y)', 'xy')).toThrow(
      'cannot mix both named and unnamed capture groups',
    );
  });

  it('finds all matches', () => {
    expect(plain('regexall', '[a-z]+', '1234abcd5678efgh9')).toEqual(['abcd', 'efgh']);
    expect(plain('regexall', '[a-z]+', '123')).toEqual([]);
    expect(plain('regexall', '(\\w)=(\\d)', 'a=1 b=2')).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
    expect(plain('regexall', 'x*', 'axb')).toEqual(['', 'x', '']);
  });

  it('takes substrings by character', () => {
    expect(plain('substr', 'hello world', 1, 4)).toBe('ello');
    expect(plain('substr', '🤔🤷', 0, 1)).toBe('🤔');
    expect(plain('substr', 'hello world', -5, -1)).toBe('world');
    expect(plain('substr', 'hello world', 6, 10)).toBe('world');
    expect(plain('substr', 'hello', 10, 2)).toBe('');
    expect(plain('substr', 'hello', 1, 0)).toBe('');
    expect(() => call('substr', 'hello', 1.5, 1)).toThrow(
      'Invalid value for "offset" parameter: offset must be a whole number.',
    );
  });

  it('reverses and tests strings', () => {
    expect(plain('strrev', 'hello')).toBe('olleh');
    expect(plain('strrev', 'a ☃')).toBe('☃ a');
    expect(plain('strrev', 'e\u0301x')).toBe('x\u00e9');
    expect(plain('startswith', 'hello world', 'hello')).toBe(true);
    expect(plain('startswith', 'hello world', 'world')).toBe(false);
    expect(plain('endswith', 'hello world', 'world')).toBe(true);
    expect(plain('strcontains', 'hello world', 'wor')).toBe(true);
    expect(plain('strcontains', 'hello world', 'cat')).toBe(false);
  });

  it('converts arguments to the parameter types', () => {
    expect(plain('upper', 12)).toBe('12');
    expect(() => call('upper', ['a'])).toThrow('Invalid value for "str" parameter: string required.');
    expect(call('indent', '2', 'a').type).toEqual(STRING);
    expect(() => call('indent', 'two', 'a')).toThrow(
      'Invalid value for "spaces" parameter: a number is required.',
    );
    expect(NUMBER.kind).toBe('number');
  });
});
