import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBoundaries, importsOf } from './check.mjs';

const roots: string[] = [];
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'kiln-boundaries-'));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('import boundaries', () => {
  it('reads static, dynamic, re-export and type-only imports with their lines', () => {
    const found = importsOf(
      "import { a } from 'x';\nimport type { B } from 'y';\nexport * from './z.ts';\nconst m = await import('w');\n",
    );
    expect(found).toEqual([
      { specifier: 'x', typeOnly: false, line: 1 },
      { specifier: 'y', typeOnly: true, line: 2 },
      { specifier: './z.ts', typeOnly: false, line: 3 },
      { specifier: 'w', typeOnly: false, line: 4 },
    ]);
  });

  it('fails on a planted import of the database from the engine', () => {
    const root = tree({ 'packages/engine/src/plan/bad.ts': "import { createDb } from '@kiln/db/client';\n" });
    expect(checkBoundaries(root)).toEqual([
      expect.objectContaining({
        file: 'packages/engine/src/plan/bad.ts',
        line: 1,
        specifier: '@kiln/db/client',
      }),
    ]);
  });

  it('fails on Node built-ins in workflow code, and allows type-only package imports there', () => {
    const root = tree({
      'apps/worker/src/workflows/w.ts':
        "import type { KilnDb } from '@kiln/db';\nimport { readFileSync } from 'node:fs';\nimport { proxyActivities } from '@temporalio/workflow';\n",
    });
    const violations = checkBoundaries(root);
    expect(violations.map((v) => [v.line, v.specifier])).toEqual([[2, 'node:fs']]);
  });

  it('allows the engine in workflow code only through its pure @kiln/engine/run entry', () => {
    const root = tree({
      'apps/worker/src/workflows/w.ts':
        "import { runStepSequence } from '@kiln/engine/run';\nimport { parseTemplate } from '@kiln/engine';\n",
    });
    expect(checkBoundaries(root).map((v) => [v.line, v.specifier])).toEqual([[2, '@kiln/engine']]);
  });

  it('allows @temporalio/client only in the api Temporal adapter', () => {
    const root = tree({
      'packages/api/src/temporal/starter.ts': "import { Client } from '@temporalio/client';\n",
      'packages/api/src/services/x.ts': "import { Client } from '@temporalio/client';\n",
    });
    expect(checkBoundaries(root).map((v) => v.file)).toEqual(['packages/api/src/services/x.ts']);
  });

  it('passes on a clean tree', () => {
    const root = tree({
      'packages/plugins/src/ok.ts': "import type { BuilderPlugin } from '@kiln/engine';\n",
    });
    expect(checkBoundaries(root)).toEqual([]);
  });
});
