import { spawnSync } from 'node:child_process';
import { statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './test-support/temp-dir.ts';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'kiln.mjs');

function kiln(args: string[], cwd: string, input?: string, env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    input: input ?? '',
    env,
  });
  if (result.error) throw result.error;
  return { rc: result.status, out: result.stdout, err: result.stderr };
}

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

describe('the kiln executable', () => {
  it('validates, formats, inspects and evaluates through a real process', () => {
    const d = tempDir({
      'main.pkr.hcl':
        'source "null" "a" {\ncommunicator="none"\n}\nbuild {\n  sources = ["source.null.a"]\n}\n',
    });
    dirs.push(d);
    expect(kiln(['validate', 'main.pkr.hcl'], d.path)).toEqual({
      rc: 0,
      out: 'The configuration is valid.\n',
      err: '',
    });
    expect(kiln(['fmt', '-check', '.'], d.path)).toEqual({ rc: 3, out: 'main.pkr.hcl\n', err: '' });
    expect(kiln(['fmt', '-'], d.path, 'a=1\nbb=2\n').out).toBe('a  = 1\nbb = 2\n');
    expect(kiln(['inspect', '.'], d.path).out).toContain(
      '  > <unnamed build 0>:\n\n    sources:\n\n      null.a\n',
    );
    expect(kiln(['console'], d.path, 'max(1, 5)\n')).toEqual({ rc: 0, out: '5\n', err: '' });
  });

  it('exits 127 with the list of commands for an unknown command', () => {
    const d = tempDir({});
    dirs.push(d);
    const result = kiln(['frobnicate'], d.path);
    expect(result.rc).toBe(127);
    expect(result.err).toContain('unknown command "frobnicate"');
  });

  it('runs the JavaScript bundle, built again when a source is newer, and the source alike', async () => {
    const { buildCli } = await import('../scripts/build.mjs');
    await buildCli();
    const d = tempDir({ 'main.pkr.hcl': 'locals {\n  x = true ? "ok" : upper(null)\n}\n' });
    dirs.push(d);
    const bundle = join(dirname(BIN), '..', 'dist', 'kiln.mjs');
    const built = statSync(bundle).mtimeMs;
    const direct = spawnSync(process.execPath, [bundle, 'console', '.'], {
      cwd: d.path,
      encoding: 'utf8',
      input: 'local.x\n',
    });
    expect([direct.status, direct.stdout]).toEqual([0, 'ok\n']);
    // A source newer than the bundle: the bundle is built again before it runs.
    const source = join(dirname(BIN), '..', 'src', 'main.ts');
    const later = new Date(built + 2000);
    utimesSync(source, later, later);
    expect(kiln(['console', '.'], d.path, 'local.x\n')).toEqual({ rc: 0, out: 'ok\n', err: '' });
    expect(statSync(bundle).mtimeMs).toBeGreaterThan(built);
    expect(kiln(['console', '.'], d.path, 'local.x\n', { ...process.env, KILN_FROM_SOURCE: '1' })).toEqual({
      rc: 0,
      out: 'ok\n',
      err: '',
    });
  });
});
