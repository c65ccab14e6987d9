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
});
