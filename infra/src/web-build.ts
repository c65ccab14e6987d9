import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const sourceDirs = ['apps/web', 'packages/api/src', 'packages/engine/src', 'packages/db/src'];
const skipped = new Set(['node_modules', '.next', '.turbo', 'test-results']);

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Whether the web app's production build is missing or older than any source it is built from. */
export function webBuildIsStale(root: string): boolean {
  const buildId = path.join(root, 'apps/web/.next/BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const inputs = [
    ...sourceDirs.map((d) => newestMtime(path.join(root, d))),
    statSync(path.join(root, 'package-lock.json')).mtimeMs,
  ];
  return inputs.some((mtime) => mtime > built);
}
