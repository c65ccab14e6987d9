import { lstat, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { UNKNOWN_PLACEHOLDER } from '@kiln/engine';
import { PluginFailure, isErrno } from './errors.ts';
import type { SettingsReader } from './settings.ts';

const RULE = "Paths in a template are relative to the build run's work folder and stay inside it.";

/**
 * Why a path setting, as the template writes it, would leave the build run's work folder: an
 * absolute path (the template cannot know where the folder is) or one that climbs out with `..`.
 * Undefined when it stays inside, or when it is known only once the build runs (checked then).
 */
export function pathEscape(value: string): string | undefined {
  if (value.includes(UNKNOWN_PLACEHOLDER)) return undefined;
  if (path.isAbsolute(value)) return 'is an absolute path';
  const normalized = path.posix.normalize(value.replaceAll('\\', '/'));
  if (normalized === '..' || normalized.startsWith('../')) return "climbs out of the build run's work folder";
  return undefined;
}

/** Reports each of `values` of the setting `name` that would leave the work folder (see pathEscape). */
export function checkConfinedPaths(
  settings: SettingsReader,
  name: string,
  values: readonly (string | undefined)[],
): void {
  for (const value of values) {
    if (value === undefined) continue;
    const problem = pathEscape(value);
    if (problem) settings.error(`"${name}" ${problem}: ${value}`, RULE);
  }
}

/**
 * The absolute path of `value` (a setting `name` of `where`) inside `workDir`, checked when the
 * step runs: the path must stay inside the folder both as written and once its symlinks are
 * followed, so a link a script planted cannot point a plugin at another file of the machine.
 * A path that does not exist yet is checked through its nearest existing parent.
 */
export async function confinedPath(
  workDir: string,
  value: string,
  { where, name }: { where: string; name: string },
): Promise<string> {
  const root = path.resolve(workDir);
  const absolute = path.resolve(root, value);
  const fail = (why: string) =>
    new PluginFailure('bad-config', `${where}: "${name}" ${value} ${why}. ${RULE}`);
  const outside = (resolved: string) => fail(`resolves to ${resolved}, outside the build run's work folder`);
  if (!isInside(root, absolute)) throw outside(absolute);
  const realRoot = await realpath(root);
  for (let current = absolute; current !== root; current = path.dirname(current)) {
    try {
      await lstat(current);
    } catch (error) {
      // Not there yet: the part of the path that exists decides.
      if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) continue;
      throw error;
    }
    // A link to nowhere would send a write wherever it points: refused like one that points out.
    const real = await realpath(current).catch(() => undefined);
    if (real === undefined) throw fail(`goes through ${current}, a symlink to a missing file`);
    if (!isInside(realRoot, real)) throw outside(real);
    return absolute;
  }
  return absolute;
}

/** confinedPath for each of `values`, in order. */
export async function confinedPaths(
  workDir: string,
  values: readonly string[],
  setting: { where: string; name: string },
): Promise<string[]> {
  const paths: string[] = [];
  for (const value of values) paths.push(await confinedPath(workDir, value, setting));
  return paths;
}

/** Removes a build run's work folder and everything in it; a folder that is already gone is fine. */
export async function removeWorkDir(workDir: string): Promise<void> {
  await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return (
    relative === '' ||
    (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative))
  );
}
