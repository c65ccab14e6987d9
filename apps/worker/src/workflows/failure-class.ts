import type { StepError, StepFailureClass } from '@kiln/engine/run';
import { ActivityFailure, ApplicationFailure, isCancellation, TimeoutFailure } from '@temporalio/workflow';
import { FAILURE_CLASSES } from '../activities/types.ts';

/** Maps what an activity call threw in the workflow to a classified step error. */
export function classifyActivityFailure(error: unknown): StepError {
  if (isCancellation(error)) return { class: 'cancelled', message: 'the build run was cancelled' };
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure) {
    const type = cause.type ?? '';
    const known = (FAILURE_CLASSES as readonly string[]).includes(type);
    return { class: known ? (type as StepFailureClass) : 'internal', message: cause.message };
  }
  if (cause instanceof TimeoutFailure) {
    return { class: 'timed-out', message: `step timed out (${cause.timeoutType ?? 'unknown timeout'})` };
  }
  return { class: 'internal', message: cause instanceof Error ? cause.message : String(cause) };
}
