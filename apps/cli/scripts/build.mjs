#!/usr/bin/env node
// Bundles the `kiln` command (with the engine and plugins it imports as TypeScript source) into
// one JavaScript file, dist/kiln.mjs, so that a `kiln` process starts without compiling anything.
// Run by `npm install` (the package's prepare script) and `npm run build`; bin/kiln.mjs runs it
// too when a source changed since the bundle was built.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
/** The bundle, and beside it the list of sources it was built from (relative to dist/). */
export const BUNDLE = join(dist, 'kiln.mjs');
export const SOURCES = join(dist, 'sources.json');

/** Builds the bundle; returns how long it took (ms). Throws the build's errors. */
export async function buildCli() {
  const started = performance.now();
  mkdirSync(dist, { recursive: true });
  // Written under a name of this process and renamed: a `kiln` starting meanwhile, or another
  // build, sees the old bundle or the new one, never half of one.
  const tmp = `${BUNDLE}.${process.pid}.tmp`;
  const result = await build({
    entryPoints: [join(root, 'src', 'main.ts')],
    outfile: tmp,
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Packages with native parts stay in node_modules; everything else is in the bundle.
    external: ['ssh2', 'cpu-features'],
    // Bundled CommonJS modules may call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __kilnCreateRequire } from 'node:module';\nconst require = __kilnCreateRequire(import.meta.url);",
    },
    minify: true,
    // Names are kept: messages and stack traces name the engine's functions and classes.
    keepNames: true,
    metafile: true,
    logLevel: 'error',
  });
  const sources = Object.keys(result.metafile.inputs)
    .filter((p) => !p.includes('node_modules'))
    .map((p) => relative(dist, join(root, p)));
  writeFileSync(`${SOURCES}.${process.pid}.tmp`, `${JSON.stringify(sources)}\n`);
  renameSync(`${SOURCES}.${process.pid}.tmp`, SOURCES);
  renameSync(tmp, BUNDLE);
  return performance.now() - started;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ms = await buildCli();
  console.log(`kiln: built ${relative(process.cwd(), BUNDLE)} in ${Math.round(ms)} ms`);
}
