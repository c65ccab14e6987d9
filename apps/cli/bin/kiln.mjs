#!/usr/bin/env node
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `kiln` runs the JavaScript bundle that scripts/build.mjs writes on `npm install` and
// `npm run build`, so that it starts without compiling TypeScript. When a source the bundle was
// built from changed since (a working tree being edited), the bundle is built again first; when
// it cannot be (no esbuild, a read-only tree), or KILN_FROM_SOURCE=1, the TypeScript source runs
// through tsx instead: slower to start, never stale.
const bundle = new URL('../dist/kiln.mjs', import.meta.url);

function bundleIsCurrent() {
  try {
    const built = statSync(bundle).mtimeMs;
    const dist = new URL('../dist/', import.meta.url);
    const sources = JSON.parse(readFileSync(new URL('sources.json', dist), 'utf8'));
    return sources.every((source) => statSync(fileURLToPath(new URL(source, dist))).mtimeMs <= built);
  } catch {
    return false;
  }
}

async function rebuilt() {
  try {
    const { buildCli } = await import('../scripts/build.mjs');
    await buildCli();
    return true;
  } catch {
    return false;
  }
}

if (process.env.KILN_FROM_SOURCE !== '1' && (bundleIsCurrent() || (await rebuilt()))) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
