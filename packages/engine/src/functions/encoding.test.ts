import { describe, expect, it } from 'vitest';
import {
  DYNAMIC,
  NUMBER,
  STRING,
  listOf,
  nullVal,
  numberVal,
  objectOf,
  tupleOf,
  unknownVal,
} from '../values/index.ts';
import { base64Decode } from './define.ts';
import { call, gunzip, plain } from './test-support.ts';

describe('base64', () => {
  it('encodes and decodes UTF-8 text', () => {
    expect(plain('base64encode', 'Hello World')).toBe('SGVsbG8gV29ybGQ=');
    expect(plain('base64decode', 'SGVsbG8gV29ybGQ=')).toBe('Hello World');
    expect(plain('base64decode', 'SGVs\r\nbG8=\n')).toBe('Hello');
    expect(plain('base64encode', '☃')).toBe('4piD');
    expect(() => call('base64decode', 'not base64!')).toThrow('failed to decode base64 data');
    expect(() => call('base64decode', '/w==')).toThrow('not valid UTF-8');
  });

  it('encodes other character encodings', () => {
    expect(plain('textencodebase64', 'Hello World', 'UTF-16LE')).toBe('SABlAGwAbABvACAAVwBvAHIAbABkAA==');
    expect(plain('textdecodebase64', 'SABlAGwAbABvACAAVwBvAHIAbABkAA==', 'UTF-16LE')).toBe('Hello World');
    expect(() => call('textencodebase64', 'x', 'EBCDIC')).toThrow(
      '"EBCDIC" is not a supported IANA encoding name',
    );
  });

  it('knows UTF-16 with a byte order mark and Windows-1252, as Go does', () => {
    expect(plain('textencodebase64', 'hello', 'utf-16')).toBe('/v8AaABlAGwAbABv');
    expect(plain('textdecodebase64', '/v8AaABlAGwAbABv', 'UTF-16')).toBe('hello');
    expect(plain('textencodebase64', 'héllo€', 'windows-1252')).toBe('aOlsbG+A');
    expect(plain('textdecodebase64', 'aOlsbG+A', 'windows-1252')).toBe('héllo€');
  });

  it('gzips before encoding', () => {
    const encoded = call('base64gzip', 'test').asString();
    expect(gunzip(base64Decode(encoded) as Uint8Array)).toBe('test');
  });
});

describe('urlencode', () => {
  it('escapes like Go url.QueryEscape', () => {
    expect(plain('urlencode', 'Hello World!')).toBe('Hello+World%21');
    expect(plain('urlencode', '☃')).toBe('%E2%98%83');
    expect(plain('urlencode', 'foo:bar@localhost?foo=bar&bar=baz')).toBe(
      'foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz',
    );
  });
});

describe('csvdecode', () => {
  it('decodes rows into objects keyed by the header', () => {
    expect(plain('csvdecode', 'a,b,c\n1,2,3\n4,5,6')).toEqual([
      { a: '1', b: '2', c: '3' },
      { a: '4', b: '5', c: '6' },
    ]);
    expect(call('csvdecode', 'a,b\n1,2\n').type).toEqual(listOf(objectOf({ a: STRING, b: STRING })));
    expect(plain('csvdecode', 'name,quote\nx,"said ""hi"", left"\r\n')).toEqual([
      { name: 'x', quote: 'said "hi", left' },
    ]);
    expect(() => call('csvdecode', 'a,b\n1,2,3')).toThrow('wrong number of fields');
    expect(() => call('csvdecode', 'a,a\n1,2')).toThrow('duplicate column name "a"');
  });
});

describe('json', () => {
  it('encodes with sorted keys and cty number text', () => {
    expect(plain('jsonencode', { hello: 'world' })).toBe('{"hello":"world"}');
    expect(plain('jsonencode', { b: [1, 'x', true, null], a: 1.5 })).toBe('{"a":1.5,"b":[1,"x",true,null]}');
    expect(plain('jsonencode', '<b>')).toBe('"\\u003cb\\u003e"');
    expect(call('jsonencode', [unknownVal(STRING)]).isKnown).toBe(false);
  });

  it('decodes to implied types', () => {
    expect(plain('jsondecode', '{"hello": "world"}')).toEqual({ hello: 'world' });
    expect(plain('jsondecode', 'true')).toBe(true);
    expect(call('jsondecode', '[1, "a"]').type).toEqual(tupleOf([NUMBER, STRING]));
    expect(call('jsondecode', '12345678901234567890.5').asNumber().toString()).toBe('12345678901234567890.5');
    expect(() => call('jsondecode', '{"a":')).toThrow('invalid JSON');
  });
});

describe('yaml', () => {
  it('encodes like go-cty-yaml', () => {
    expect(plain('yamlencode', { a: 'b', c: 'd' })).toBe('"a": "b"\n"c": "d"\n');
    expect(plain('yamlencode', { foo: [1, 2, 3], bar: 'baz' })).toBe('"bar": "baz"\n"foo":\n- 1\n- 2\n- 3\n');
    expect(plain('yamlencode', { foo: [1, { a: 'b', c: 'd' }, 3], bar: 'baz' })).toBe(
      '"bar": "baz"\n"foo":\n- 1\n- "a": "b"\n  "c": "d"\n- 3\n',
    );
  });

  it('decodes to implied types', () => {
    expect(plain('yamldecode', 'hello: world')).toEqual({ hello: 'world' });
    expect(plain('yamldecode', 'true')).toBe(true);
    expect(plain('yamldecode', '{a: &foo [1, 2, 3], b: *foo}')).toEqual({ a: [1, 2, 3], b: [1, 2, 3] });
    expect(call('yamldecode', 'n: 1.5').type).toEqual(objectOf({ false: NUMBER }));
    expect(() => call('yamldecode', 'a: 1\n---\nb: 2')).toThrow('unexpected extra content after value');
    expect(numberVal(1).type).toEqual(NUMBER);
  });

  it('reads YAML 1.1 scalars as go-cty-yaml does', () => {
    expect(plain('yamldecode', '[yes, on, y, off, "yes"]')).toEqual([true, true, true, false, 'yes']);
    expect(plain('yamldecode', '[0x10, 0o17, !!int 0x10, 0b101, 1_000]')).toEqual([
      '0x10',
      '0o17',
      16,
      5,
      1000,
    ]);
    expect(plain('yamldecode', '[2001-12-14, 2001-12-14 21:59:43.10, 2001-12-14t21:59:43+02:00]')).toEqual([
      '2001-12-14T00:00:00Z',
      '2001-12-14T21:59:43Z',
      '2001-12-14T21:59:43+02:00',
    ]);
    expect(plain('yamldecode', 'a: 1\na: 2\n1: x')).toEqual({ a: 2, '1': 'x' });
    expect(plain('yamldecode', '<<: {a: 1}\nb: 2')).toEqual({ a: 1, b: 2 });
    expect(call('yamldecode', '~').isKnown).toBe(false);
    expect(() => call('yamldecode', '')).toThrow('missing start of document');
    expect(() => call('yamldecode', '? [1]\n: x')).toThrow('only strings are allowed as mapping keys');
    expect(() => call('yamldecode', 'null: 1')).toThrow('mapping key cannot be null');
    expect(() => call('yamldecode', '.nan')).toThrow('NaN is not supported');
  });

  it('writes numbers in full, root scalars with an end marker, root blocks indented', () => {
    expect(plain('yamlencode', 1)).toBe('1\n...\n');
    expect(plain('yamlencode', nullVal(DYNAMIC))).toBe('null\n...\n');
    expect(plain('yamlencode', numberVal('123456789012345678901234567890'))).toBe(
      '123456789012345678901234567890\n...\n',
    );
    expect(plain('yamlencode', [numberVal('1e21'), 'a'])).toBe('- 1000000000000000000000\n- "a"\n');
    expect(plain('yamlencode', 'a\nb\n')).toBe('|\n  a\n  b\n');
    expect(plain('yamlencode', 'multi\nline')).toBe('|-\n  multi\n  line\n');
  });
});
