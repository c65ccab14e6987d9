import path from 'node:path';
import { PluginFailure } from './errors.ts';

/**
 * A local path a setting names, resolved against the run's work folder; a path that leads out of it
 * (`../x`, `/etc/x`) is refused: a build reads and writes only its own folder on the worker.
 */
export function resolveInWorkDir(workDir: string, named: string, setting: string, where: string): string {
  const root = path.resolve(workDir);
  const resolved = path.resolve(root, named);
  if (resolved !== root && !resolved.startsWith(`${root}${path.sep}`)) {
    throw new PluginFailure(
      'bad-config',
      `${where}: ${setting} "${named}" is outside the run's folder: local paths must stay inside it (relative paths resolve against it)`,
    );
  }
  return resolved;
}
