import type { BuildState, StepError, StepResult } from '../spi/plugin.ts';

/**
 * Runs `count` steps with Packer's multistep semantics, whatever executes a step
 * (in-process, or one Temporal activity per step):
 * - steps run in order while none halts and the run is not cancelled;
 * - every step that started is cleaned up, in reverse order, the failing one included;
 * - cleanup always runs with the latest state and never hides the original error.
 *
 * The function is pure orchestration with no I/O of its own, so deterministic
 * workflow code may call it.
 */
export interface StepExecutor {
  run(index: number, state: BuildState): Promise<StepResult>;
  cleanup(index: number, state: BuildState): Promise<void>;
  /** Polled before each step; true stops the sequence as cancelled. */
  isCancelled(): boolean;
}

export interface CleanupFailure {
  index: number;
  message: string;
}

export interface SequenceOutcome {
  status: 'succeeded' | 'failed' | 'cancelled';
  state: BuildState;
  /** Indexes of the steps that started, in the order they started. */
  started: number[];
  /** The first error: a halting step's, or a step that threw. */
  error?: StepError & { index: number };
  /** Cleanups that failed; reported, never thrown over the original error. */
  cleanupFailures: CleanupFailure[];
}

export type ErrorClassifier = (error: unknown) => StepError;

const defaultClassifier: ErrorClassifier = (error) => ({
  class: 'internal',
  message: error instanceof Error ? error.message : String(error),
});

export async function runStepSequence(
  count: number,
  initial: BuildState,
  executor: StepExecutor,
  classify: ErrorClassifier = defaultClassifier,
): Promise<SequenceOutcome> {
  let state = initial;
  const started: number[] = [];
  let error: SequenceOutcome['error'];
  let cancelled = false;

  for (let index = 0; index < count; index++) {
    if (executor.isCancelled()) {
      cancelled = true;
      break;
    }
    started.push(index);
    let result: StepResult;
    try {
      result = await executor.run(index, state);
    } catch (thrown) {
      error = { ...classify(thrown), index };
      break;
    }
    state = result.state;
    if (result.action === 'halt') {
      error = { ...result.error, index };
      break;
    }
  }
  if (!error && !cancelled && executor.isCancelled()) cancelled = true;

  const cleanupFailures: CleanupFailure[] = [];
  for (const index of [...started].reverse()) {
    try {
      await executor.cleanup(index, state);
    } catch (thrown) {
      cleanupFailures.push({ index, message: thrown instanceof Error ? thrown.message : String(thrown) });
    }
  }

  const status = error
    ? error.class === 'cancelled'
      ? 'cancelled'
      : 'failed'
    : cancelled
      ? 'cancelled'
      : 'succeeded';
  return { status, state, started, ...(error ? { error } : {}), cleanupFailures };
}
