import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the folder holding the workspace package.json. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Where tools the project installs for itself live (the Temporal CLI), outside git. */
export const toolsDir = path.join(repoRoot, '.tools');

export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.KILN_DATA_DIR;
  return configured ? path.resolve(configured) : path.join(repoRoot, '.data');
}

/** Finds an executable on PATH, or in the extra folders given. */
export function findExecutable(name: string, extraDirs: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
