import type { BuildOutcome, BuildState, StepError, StepResult } from '../spi/plugin.ts';

/**
 * Runs `count` steps with Packer's multistep semantics, whatever executes a step
 * (in-process, or one Temporal activity per step):
 * - steps run in order while none halts and the run is not cancelled;
 * - every step that started is cleaned up, in reverse order, the failing one included, and is told
 *   how the build ended (an image is rolled back only on failure or cancel);
 * - the builder's steps are cleaned up before post-processing starts (`postProcessingFrom`), as
 *   Packer's builder is done before its post-processors run;
 * - cleanup always runs with the latest state and never hides the original error;
 * - a step may pause the build (a breakpoint) until the executor's `pause` resolves.
 *
 * The function is pure orchestration with no I/O of its own, so deterministic
 * workflow code may call it.
 */
export interface StepExecutor {
  run(index: number, state: BuildState): Promise<StepResult>;
  cleanup(index: number, state: BuildState, outcome: BuildOutcome): Promise<void>;
  /** Polled before each step; true stops the sequence as cancelled. */
  isCancelled(): boolean;
  /**
   * Waits until someone resumes a paused build; rejects when the build is cancelled meanwhile.
   * Without it, a step that pauses fails the build: no one could resume it.
   */
  pause?(index: number, note: string): Promise<void>;
}

export interface CleanupFailure {
  index: number;
  message: string;
}

export interface SequenceOutcome {
  status: BuildOutcome;
  state: BuildState;
  /** Indexes of the steps that started, in the order they started. */
  started: number[];
  /** The first error: a halting step's, or a step that threw. */
  error?: StepError & { index: number };
  /** Cleanups that failed; reported, never thrown over the original error. */
  cleanupFailures: CleanupFailure[];
}

export type ErrorClassifier = (error: unknown) => StepError;

export interface SequenceOptions {
  classify?: ErrorClassifier;
  /**
   * The index of the first post-processor step: before it runs, every step started so far is
   * cleaned up with outcome `succeeded`. Absent or `count`: everything is cleaned up at the end.
   */
  postProcessingFrom?: number;
}

const defaultClassifier: ErrorClassifier = (error) => ({
  class: 'internal',
  message: error instanceof Error ? error.message : String(error),
});

export async function runStepSequence(
  count: number,
  initial: BuildState,
  executor: StepExecutor,
  options: SequenceOptions | ErrorClassifier = {},
): Promise<SequenceOutcome> {
  const { classify = defaultClassifier, postProcessingFrom } =
    typeof options === 'function' ? { classify: options } : options;
  let state = initial;
  const started: number[] = [];
  let pending: number[] = [];
  const cleanupFailures: CleanupFailure[] = [];
  let error: SequenceOutcome['error'];
  let cancelled = false;

  const cleanUp = async (indexes: number[], outcome: BuildOutcome) => {
    for (const index of [...indexes].reverse()) {
      try {
        await executor.cleanup(index, state, outcome);
      } catch (thrown) {
        cleanupFailures.push({ index, message: thrown instanceof Error ? thrown.message : String(thrown) });
      }
    }
  };

  for (let index = 0; index < count; index++) {
    if (executor.isCancelled()) {
      cancelled = true;
      break;
    }
    if (index === postProcessingFrom && pending.length > 0) {
      await cleanUp(pending, 'succeeded');
      pending = [];
    }
    started.push(index);
    pending.push(index);
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
    if (result.action === 'pause') {
      if (!executor.pause) {
        error = {
          class: 'bad-config',
          message: `step ${index} paused the build (${result.note || 'a breakpoint'}), but nothing here can resume it`,
          index,
        };
        break;
      }
      try {
        await executor.pause(index, result.note);
      } catch (thrown) {
        if (executor.isCancelled()) cancelled = true;
        else error = { ...classify(thrown), index };
        break;
      }
    }
  }
  if (!error && !cancelled && executor.isCancelled()) cancelled = true;

  const status: BuildOutcome = error
    ? error.class === 'cancelled'
      ? 'cancelled'
      : 'failed'
    : cancelled
      ? 'cancelled'
      : 'succeeded';
  await cleanUp(pending, status);
  return { status, state, started, ...(error ? { error } : {}), cleanupFailures };
}
