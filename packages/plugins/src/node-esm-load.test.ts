import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the plugins package under Node itself', () => {
  it("loads with Node's own ES module loader, as the worker and the kiln command run it", () => {
    // Node sees only some named exports of CommonJS packages (ssh2's `utils` is not one of them);
    // vitest's loader sees them all, so only a real Node process finds such an import.
    const index = path.join(import.meta.dirname, 'index.ts');
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', `await import(${JSON.stringify(index)});`],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
