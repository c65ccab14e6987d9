import { afterEach, describe, expect, it } from 'vitest';
import { memoryIo } from './io.ts';
import { tempDir } from './test-support/temp-dir.ts';
import { runValidate } from './validate.ts';

const TEMPLATE = `variable "greeting" {
  type = string
}

source "null" "a" {
  communicator = "none"
}

source "null" "b" {
  communicator = "none"
}

build {
  sources = ["source.null.a", "source.null.b"]

  provisioner "shell-local" {
    inline = ["echo \${var.greeting}"]
  }
}
`;

const dirs: { remove(): void }[] = [];
function dir(files: Record<string, string>): string {
  const d = tempDir(files);
  dirs.push(d);
  return d.path;
}
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

describe('runValidate', () => {
  it('accepts a valid directory template with a variable from an auto var file', async () => {
    const cwd = dir({ 't/main.pkr.hcl': TEMPLATE, 't/x.auto.pkrvars.hcl': 'greeting = "hi"\n' });
    const io = memoryIo({ cwd });
    expect(await runValidate(['t'], io)).toBe(0);
    expect(io.out).toBe('The configuration is valid.\n');
    expect(io.err).toBe('');
  });

  it('takes -var and -var-file values', async () => {
    const cwd = dir({ 'main.pkr.hcl': TEMPLATE, 'vals.pkrvars.hcl': 'greeting = "hey"\n' });
    expect(await runValidate(['-var', 'greeting=yo', 'main.pkr.hcl'], memoryIo({ cwd }))).toBe(0);
    expect(await runValidate(['-var-file=vals.pkrvars.hcl', 'main.pkr.hcl'], memoryIo({ cwd }))).toBe(0);
    const io = memoryIo({ cwd });
    expect(await runValidate(['-var', 'nope=1', '-var', 'greeting=x', 'main.pkr.hcl'], io)).toBe(1);
    expect(io.err).toContain('Error: ');
  });

  it('stops after decoding with -syntax-only', async () => {
    const cwd = dir({
      'main.pkr.hcl':
        'source "docker" "x" {\n  image = "a"\n}\nbuild {\n  sources = ["source.docker.x"]\n}\n',
    });
    const syntax = memoryIo({ cwd });
    expect(await runValidate(['-syntax-only', 'main.pkr.hcl'], syntax)).toBe(0);
    expect(syntax.out).toBe('Syntax-only check passed. Everything looks okay.\n');
    const full = memoryIo({ cwd });
    expect(await runValidate(['main.pkr.hcl'], full)).toBe(1);
    expect(full.err).toContain(
      'Error: Unknown builder type "docker"\n\n  on main.pkr.hcl line 1:\n   1: source "docker" "x" {',
    );
  });

  it('leaves unset variables and duplicate sources to the full check with -syntax-only', async () => {
    const cwd = dir({
      'main.pkr.hcl': `${TEMPLATE}\nsource "null" "a" {\n  communicator = "none"\n}\n`,
    });
    const syntax = memoryIo({ cwd });
    expect(await runValidate(['-syntax-only', 'main.pkr.hcl'], syntax)).toBe(0);
    expect(syntax.out).toBe('Syntax-only check passed. Everything looks okay.\n');
    expect(syntax.err).toBe('');
    const full = memoryIo({ cwd });
    expect(await runValidate(['main.pkr.hcl'], full)).toBe(1);
    expect(full.err).toContain('Error: Unset variable\n\n  on main.pkr.hcl line 1:');
    expect(full.err).toContain('Error: Duplicate source\n\n  on main.pkr.hcl line 21:');
  });

  it('still rejects an undeclared -var with -syntax-only', async () => {
    const cwd = dir({ 'main.pkr.hcl': TEMPLATE });
    const io = memoryIo({ cwd });
    expect(await runValidate(['-syntax-only', '-var', 'nope=1', 'main.pkr.hcl'], io)).toBe(1);
    expect(io.err).toContain('Error: Undefined variable');
    expect(io.out).toBe('');
  });

  it('reports a syntax error with the file, line and source', async () => {
    const cwd = dir({ 'bad.pkr.hcl': 'source "null" "a" {\n  communicator = \n}\n' });
    const io = memoryIo({ cwd });
    expect(await runValidate(['-syntax-only', 'bad.pkr.hcl'], io)).toBe(1);
    expect(io.err).toMatch(/^Error: .+\n\n {2}on bad\.pkr\.hcl line \d:\n/);
    expect(io.out).toBe('');
  });

  it('checks only the builds -only selects', async () => {
    const cwd = dir({
      'main.pkr.hcl':
        'source "null" "a" {\n  communicator = "none"\n}\nsource "docker" "b" {\n}\nbuild {\n  sources = ["source.null.a", "source.docker.b"]\n}\n',
    });
    expect(await runValidate(['main.pkr.hcl'], memoryIo({ cwd }))).toBe(1);
    expect(await runValidate(['-only', 'null.a', 'main.pkr.hcl'], memoryIo({ cwd }))).toBe(0);
    expect(await runValidate(['-except=docker.*', 'main.pkr.hcl'], memoryIo({ cwd }))).toBe(0);
  });

  it('runs the data sources with -evaluate-datasources, and validates with their values', async () => {
    const cwd = dir({
      'main.pkr.hcl': [
        'data "null" "name" {',
        '  input = "from-data.txt"',
        '}',
        'data "http" "unreachable" {',
        '  url = "http://127.0.0.1:1/nothing"',
        '}',
        'source "file" "a" {',
        '  content = "x"',
        '  target  = data.null.name.output',
        '}',
        'build {',
        '  sources = ["source.file.a"]',
        '}',
        '',
      ].join('\n'),
    });
    expect(await runValidate(['main.pkr.hcl'], memoryIo({ cwd }))).toBe(0);
    const io = memoryIo({ cwd });
    expect(await runValidate(['-evaluate-datasources', 'main.pkr.hcl'], io)).toBe(1);
    expect(io.err).toContain('Error: Data source failed');
    expect(io.err).toContain('on main.pkr.hcl line 4:');
    expect(io.err).toContain('data "http" "unreachable" failed');
    expect(io.err).not.toContain('data "null" "name"');
  });

  it('requires a build block, as packer validate does', async () => {
    const cwd = dir({ 'main.pkr.hcl': 'source "null" "a" {\n  communicator = "none"\n}\n' });
    const io = memoryIo({ cwd });
    expect(await runValidate(['main.pkr.hcl'], io)).toBe(1);
    expect(io.err).toContain('Error: Missing build block');
  });

  it('rejects a bad command line and a missing path', async () => {
    const io = memoryIo({ cwd: dir({}) });
    expect(await runValidate(['-bogus', 'x'], io)).toBe(1);
    expect(io.err).toContain('flag provided but not defined: -bogus');
    const missing = memoryIo({ cwd: dir({}) });
    expect(await runValidate(['nowhere.pkr.hcl'], missing)).toBe(1);
    expect(missing.err).toContain('nowhere.pkr.hcl');
  });
});
