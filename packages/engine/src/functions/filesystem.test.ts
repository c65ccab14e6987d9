import { describe, expect, it } from 'vitest';
import { mapVal, type Value, stringVal, toPlain } from '../values/index.ts';
import type { TemplateRenderer } from './context.ts';
import { callFunction } from './function.ts';
import { createFunctionTable } from './table.ts';
import { callIn, testContext } from './test-support.ts';

const files = {
  '/tpl/hello.txt': 'Hello, World!',
  '/tpl/binary.bin': new Uint8Array([0xff, 0xfe]),
  '/tpl/files/a.txt': 'a',
  '/tpl/files/b.sh': 'b',
  '/tpl/files/sub/c.txt': 'c',
  '/tpl/greeting.tpl': 'Hello, ${name}!',
};
const ctx = testContext(files);
const run = (name: string, ...args: string[]) => toPlain(callIn(ctx, name, ...args.map(stringVal)));

describe('path functions', () => {
  it('works on paths like Go filepath', () => {
    expect(run('basename', 'foo/bar/baz.txt')).toBe('baz.txt');
    expect(run('basename', '/')).toBe('/');
    expect(run('dirname', 'foo/bar/baz.txt')).toBe('foo/bar');
    expect(run('dirname', 'baz.txt')).toBe('.');
    expect(run('abspath', 'a/../b')).toBe('/work/b');
    expect(run('abspath', '/x//y/')).toBe('/x/y');
    expect(run('pathexpand', '~/.ssh/id_rsa')).toBe('/home/kiln/.ssh/id_rsa');
    expect(run('pathexpand', '/etc/resolv.conf')).toBe('/etc/resolv.conf');
  });
});

describe('file functions', () => {
  it('reads files relative to the template directory', () => {
    expect(run('file', 'hello.txt')).toBe('Hello, World!');
    expect(run('filebase64', 'binary.bin')).toBe('//4=');
    expect(() => run('file', 'binary.bin')).toThrow('contents of binary.bin are not valid UTF-8');
    expect(() => run('file', 'nope.txt')).toThrow('no file exists at nope.txt');
    expect(() => run('file', 'files')).toThrow('files is a directory, not a file');
  });

  it('tests for files', () => {
    expect(run('fileexists', 'hello.txt')).toBe(true);
    expect(run('fileexists', 'nope.txt')).toBe(false);
    expect(() => run('fileexists', 'files')).toThrow('files is not a regular file, but a directory');
  });

  it('globs file sets', () => {
    expect(run('fileset', 'files', '*.txt')).toEqual(['a.txt']);
    expect(run('fileset', 'files', '**/*.txt')).toEqual(['a.txt', 'sub/c.txt']);
    expect(run('fileset', 'files', '{a,b}.*')).toEqual(['a.txt', 'b.sh']);
    expect(run('fileset', 'files', 'sub/?.txt')).toEqual(['sub/c.txt']);
    expect(run('fileset', 'missing', '*')).toEqual([]);
  });

  it('fails clearly where files are not available', () => {
    expect(() => callIn(testContext({}, { readFile: undefined }), 'file', stringVal('x'))).toThrow(
      'reading files is not available in this environment',
    );
  });
});

describe('templatefile', () => {
  it('renders through the context renderer with the variables and the function table', () => {
    const seen: { source: string; filename: string; hasUpper: boolean; hasTemplatefile: boolean }[] = [];
    const render: TemplateRenderer = ({ source, filename, variables, functions }) => {
      const name = variables.get('name') as Value;
      seen.push({
        source,
        filename,
        hasUpper: functions.has('upper'),
        hasTemplatefile: functions.has('templatefile'),
      });
      const upper = functions.get('upper');
      if (!upper) throw new Error('upper missing');
      return stringVal(source.replace('${name}', callFunction(upper, [name]).asString()));
    };
    const table = createFunctionTable(testContext(files, { renderTemplate: render }));
    const fn = table.get('templatefile');
    if (!fn) throw new Error('templatefile missing');
    const out = callFunction(fn, [stringVal('greeting.tpl'), objectName()]);
    expect(out.asString()).toBe('Hello, KILN!');
    expect(seen[0]).toEqual({
      source: 'Hello, ${name}!',
      filename: '/tpl/greeting.tpl',
      hasUpper: true,
      hasTemplatefile: true,
    });
  });

  it('refuses vars that are not a map and runs without a renderer only with an error', () => {
    expect(() => callIn(ctx, 'templatefile', stringVal('greeting.tpl'), stringVal('x'))).toThrow(
      'Invalid value for "vars" parameter: invalid vars value: must be a map, not string.',
    );
    expect(() => callIn(ctx, 'templatefile', stringVal('greeting.tpl'), objectName())).toThrow(
      'template rendering is not available in this environment',
    );
    expect(() =>
      callIn(ctx, 'templatefile', stringVal('greeting.tpl'), mapVal({ 'bad key': stringVal('x') })),
    ).toThrow('invalid template variable name "bad key"');
  });
});

function objectName(): Value {
  return mapVal({ name: stringVal('kiln') });
}
