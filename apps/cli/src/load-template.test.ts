import { afterEach, describe, expect, it } from 'vitest';
import { parseFlags } from './flags.ts';
import { memoryIo } from './io.ts';
import { loadTemplate } from './load-template.ts';
import { tempDir } from './test-support/temp-dir.ts';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

describe('loadTemplate', () => {
  it("reads a folder's HCL files before its JSON ones, and auto var files before -var-file", () => {
    const d = tempDir({
      't/a.pkr.json': '{}',
      't/b.pkr.hcl': '',
      't/c.pkr.hcl': '',
      't/a.auto.pkrvars.json': '{}',
      't/b.auto.pkrvars.hcl': '',
      't/notes.txt': 'not read',
      'extra.pkrvars.hcl': '',
    });
    dirs.push(d);
    const flags = parseFlags(['-var-file', 'extra.pkrvars.hcl', '-var', 'x=1', 't'], {
      values: ['var', 'var-file'],
    });
    const loaded = loadTemplate(memoryIo({ cwd: d.path }), 't', flags);
    expect(loaded.files.map((f) => f.filename)).toEqual(['t/b.pkr.hcl', 't/c.pkr.hcl', 't/a.pkr.json']);
    expect(loaded.options.varFiles?.map((f) => f.filename)).toEqual([
      't/b.auto.pkrvars.hcl',
      't/a.auto.pkrvars.json',
      'extra.pkrvars.hcl',
    ]);
    expect(loaded.options.variables).toEqual({ x: '1' });
  });
});
