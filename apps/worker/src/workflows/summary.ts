import type { BuildState, SequenceOutcome, StepFailureClass } from '@kiln/engine/run';
import type { PreparedBuild } from '../activities/types.ts';
import { classifyActivityFailure } from './failure-class.ts';

export interface BuildOutcomeSummary {
  name: string;
  status: SequenceOutcome['status'];
  failureClass?: StepFailureClass;
  error?: string;
}

export interface ImageBuildWorkflowResult {
  status: 'succeeded' | 'failed' | 'cancelled';
  failureClass?: StepFailureClass;
  error?: string;
  builds: BuildOutcomeSummary[];
}

/** One build's outcome as the run reports it: its first error and the cleanups that failed. */
export function summariseBuild(build: PreparedBuild, outcome: SequenceOutcome): BuildOutcomeSummary {
  const orphaned = outcome.cleanupFailures.map((f) => `cleanup of step ${f.index} failed: ${f.message}`);
  const error = [outcome.error?.message, ...orphaned].filter(Boolean).join('; ');
  return {
    name: build.name,
    status: outcome.status,
    ...(outcome.error ? { failureClass: outcome.error.class } : {}),
    ...(error ? { error } : {}),
  };
}

/** The run's outcome from its builds': cancelled when the run was, else failed when one failed. */
export function summariseRun(summaries: BuildOutcomeSummary[], cancelled: boolean): ImageBuildWorkflowResult {
  const failed = summaries.find((s) => s.status === 'failed');
  if (cancelled || (!failed && summaries.some((s) => s.status === 'cancelled'))) {
    return {
      status: 'cancelled',
      failureClass: 'cancelled',
      error: 'the build run was cancelled',
      builds: summaries,
    };
  }
  if (failed) {
    return {
      status: 'failed',
      failureClass: failed.failureClass ?? 'internal',
      error: `build "${failed.name}": ${failed.error ?? 'failed'}`,
      builds: summaries,
    };
  }
  return { status: 'succeeded', builds: summaries };
}

export function withoutBuilds(result: ImageBuildWorkflowResult) {
  return {
    status: result.status,
    ...(result.failureClass ? { failureClass: result.failureClass } : {}),
    ...(result.error ? { error: result.error } : {}),
  };
}

/** A run whose planning failed: nothing started, so nothing is cleaned up. */
export function unplannedRun(error: unknown): ImageBuildWorkflowResult {
  const failure = classifyActivityFailure(error);
  return {
    status: failure.class === 'cancelled' ? 'cancelled' : 'failed',
    failureClass: failure.class,
    error: failure.message,
    builds: [],
  };
}

/** Packer's `build.PackerRunUUID`: here the build run's id. A build's steps start from this state. */
export function initialBuildState(buildRunId: string): BuildState {
  return { generated: { PackerRunUUID: buildRunId }, resources: {} };
}
