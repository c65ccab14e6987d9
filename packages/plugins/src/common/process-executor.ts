import type { LocalExecutor } from '@kiln/engine';
import { runProcessGroup } from './process-group.ts';

/**
 * Runs local commands as plain process groups of the worker's own user, with only the environment
 * the plugin gives them (and PATH). No isolation from the worker beyond that: for an operator's
 * explicit single-tenant mode and for tests, never for a multi-tenant worker.
 */
export function createProcessGroupExecutor(): LocalExecutor {
  return {
    isolation: 'single-tenant mode: no sandbox',
    run: (command) =>
      runProcessGroup({
        command: command.command,
        args: command.args,
        cwd: command.cwd,
        env: { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin', ...command.env },
        signal: command.signal,
        onLine: command.onLine,
        ...(command.onHeartbeat ? { onHeartbeat: command.onHeartbeat } : {}),
      }),
  };
}
