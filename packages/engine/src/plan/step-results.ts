import type { BuildState, StepResult } from '../spi/plugin.ts';

/** A step result that stops the build, keeping the state (what was created) for cleanup. */
export function halt(
  state: BuildState,
  cls: 'bad-config' | 'provisioner-failed' | 'cancelled' | 'timed-out' | 'internal',
  message: string,
): StepResult {
  return { action: 'halt', state, error: { class: cls, message } };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
