import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runFmt } from './fmt.ts';
import { memoryIo } from './io.ts';
import { tempDir } from './test-support/temp-dir.ts';

const UGLY = 'source "null" "a" {\ncommunicator="none"\n}\n';
const PRETTY = 'source "null" "a" {\n  communicator = "none"\n}\n';

const dirs: { remove(): void }[] = [];
function dir(files: Record<string, string>): string {
  const d = tempDir(files);
  dirs.push(d);
  return d.path;
}
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

describe('runFmt', () => {
  it('-check lists unformatted files, exits 3 and writes nothing', async () => {
    const cwd = dir({ 'a.pkr.hcl': UGLY, 'b.pkr.hcl': PRETTY, 'c.json': '{}' });
    const io = memoryIo({ cwd });
    expect(await runFmt(['-check', '.'], io)).toBe(3);
    expect(io.out).toBe('a.pkr.hcl\n');
    expect(readFileSync(join(cwd, 'a.pkr.hcl'), 'utf8')).toBe(UGLY);
    expect(await runFmt(['-check', 'b.pkr.hcl'], memoryIo({ cwd }))).toBe(0);
  });

  it('rewrites files in place, and only lists them with -write=false', async () => {
    const cwd = dir({ 'a.pkr.hcl': UGLY, 'v.pkrvars.hcl': 'x="1"\nyy="2"\n' });
    const dry = memoryIo({ cwd });
    expect(await runFmt(['-write=false', '.'], dry)).toBe(0);
    expect(readFileSync(join(cwd, 'a.pkr.hcl'), 'utf8')).toBe(UGLY);
    const io = memoryIo({ cwd });
    expect(await runFmt(['.'], io)).toBe(0);
    expect(io.out).toBe('a.pkr.hcl\nv.pkrvars.hcl\n');
    expect(readFileSync(join(cwd, 'a.pkr.hcl'), 'utf8')).toBe(PRETTY);
    expect(readFileSync(join(cwd, 'v.pkrvars.hcl'), 'utf8')).toBe('x  = "1"\nyy = "2"\n');
  });

  it('descends into subdirectories only with -recursive, skipping hidden files', async () => {
    const cwd = dir({ 'sub/a.pkr.hcl': UGLY, '.hidden.pkr.hcl': UGLY });
    const flat = memoryIo({ cwd });
    expect(await runFmt(['-check', '.'], flat)).toBe(0);
    const deep = memoryIo({ cwd });
    expect(await runFmt(['-check', '-recursive', '.'], deep)).toBe(3);
    expect(deep.out).toBe('sub/a.pkr.hcl\n');
  });

  it('shows a unified diff with -diff', async () => {
    const cwd = dir({ 'a.pkr.hcl': UGLY });
    const io = memoryIo({ cwd });
    expect(await runFmt(['-diff', '-write=false', 'a.pkr.hcl'], io)).toBe(0);
    expect(io.out).toContain('--- old/a.pkr.hcl\n+++ new/a.pkr.hcl\n');
    expect(io.out).toContain('-communicator="none"\n+  communicator = "none"\n');
  });

  it('formats standard input to standard output', async () => {
    const io = memoryIo({ cwd: dir({}), stdin: UGLY });
    expect(await runFmt(['-'], io)).toBe(0);
    expect(io.out).toBe(PRETTY);
    const same = memoryIo({ cwd: dir({}), stdin: PRETTY });
    expect(await runFmt(['-'], same)).toBe(0);
    expect(same.out).toBe(PRETTY);
  });

  it('exits 1 with the parse error for a malformed file, and refuses non-HCL files', async () => {
    const cwd = dir({ 'bad.pkr.hcl': 'x {\n  invalid\n}\n', 'c.json': '{}' });
    const io = memoryIo({ cwd });
    expect(await runFmt(['bad.pkr.hcl'], io)).toBe(1);
    expect(io.err).toContain('on bad.pkr.hcl line 2:');
    const json = memoryIo({ cwd });
    expect(await runFmt(['c.json'], json)).toBe(1);
    expect(json.err).toContain('file c.json is not a HCL file');
  });
});
