import { afterEach, describe, expect, it } from 'vitest';
import { runConsole } from './console.ts';
import { memoryIo } from './io.ts';
import { tempDir } from './test-support/temp-dir.ts';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

describe('runConsole', () => {
  it('evaluates each input line against the template', async () => {
    const d = tempDir({
      'main.pkr.hcl': 'variable "n" {\n  default = 2\n}\nlocals {\n  names = ["a", "b"]\n}\n',
    });
    dirs.push(d);
    const io = memoryIo({
      cwd: d.path,
      stdin: 'var.n * 3\n\nupper(local.names[1])\nlocal.names\n{ x = var.n }\n',
    });
    expect(await runConsole(['main.pkr.hcl'], io)).toBe(0);
    expect(io.out).toBe('6\nB\n[\n  "a",\n  "b",\n]\n{\n  "x" = 2\n}\n');
  });

  it('works without a template and stops at the first error', async () => {
    const d = tempDir({});
    dirs.push(d);
    const io = memoryIo({ cwd: d.path, stdin: 'join("-", ["a", "b"])\nvar.missing\n"never"\n' });
    expect(await runConsole([], io)).toBe(1);
    expect(io.out).toBe('a-b\n');
    expect(io.err).toContain('Error: ');
    expect(io.err).toContain('<console-input>');
  });

  it('takes -config-type=hcl2 and says that legacy JSON mode is not supported', async () => {
    const d = tempDir({});
    dirs.push(d);
    const hcl = memoryIo({ cwd: d.path, stdin: 'upper("x")\n' });
    expect(await runConsole(['-config-type=hcl2'], hcl)).toBe(0);
    expect(hcl.out).toBe('X\n');
    const json = memoryIo({ cwd: d.path, stdin: '1\n' });
    expect(await runConsole(['-config-type', 'json'], json)).toBe(1);
    expect(json.err).toContain('legacy JSON console mode (-config-type=json) is not supported');
    const bad = memoryIo({ cwd: d.path, stdin: '1\n' });
    expect(await runConsole(['-config-type=xml'], bad)).toBe(1);
    expect(bad.err).toContain('invalid value "xml" for flag -config-type');
  });

  it('reads an HCL2 template whatever -config-type says, as Packer does', async () => {
    const d = tempDir({ 'main.pkr.hcl': 'locals {\n  n = 3\n}\n' });
    dirs.push(d);
    const io = memoryIo({ cwd: d.path, stdin: 'local.n + 1\n' });
    expect(await runConsole(['-config-type=json', 'main.pkr.hcl'], io)).toBe(0);
    expect(io.out).toBe('4\n');
  });
});
