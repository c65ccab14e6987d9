import type { LocalExecutor } from '@kiln/engine';
import { createProcessGroupExecutor } from '../common/process-executor.ts';
import {
  bubblewrapProblem,
  createBubblewrapExecutor,
  createRefusingExecutor,
} from './bubblewrap-executor.ts';

/**
 * How a worker runs local steps: `bubblewrap`, a sandbox per build run (the default, and the only
 * mode for a multi-tenant installation), or `single-tenant`, plain process groups of the worker's
 * own user, which an operator chooses explicitly for an installation whose users all own the machine.
 */
export type SandboxMode = 'bubblewrap' | 'single-tenant';
export const SANDBOX_MODES: readonly SandboxMode[] = ['bubblewrap', 'single-tenant'];

/**
 * The LocalExecutor of a worker in `mode`, and what it does: `sandboxed`, `single-tenant`, or
 * `refused` in `bubblewrap` mode on a host where bubblewrap cannot build its sandbox: then it
 * refuses every local step and says why and what to do.
 */
export async function createLocalExecutor(
  mode: SandboxMode,
  options: { workRoot: string; bwrapPath?: string },
): Promise<{ executor: LocalExecutor; state: 'sandboxed' | 'single-tenant' | 'refused' }> {
  if (mode === 'single-tenant') return { executor: createProcessGroupExecutor(), state: 'single-tenant' };
  const problem = await bubblewrapProblem(options.bwrapPath ? { bwrapPath: options.bwrapPath } : {});
  return problem
    ? { executor: createRefusingExecutor(problem), state: 'refused' }
    : { executor: createBubblewrapExecutor(options), state: 'sandboxed' };
}
