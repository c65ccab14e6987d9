import { KilnError } from '../../errors.ts';
import {
  incrementStepAttempts,
  incrementStepCompletions,
  updateStep,
} from '../../repositories/build-runs-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';

export type BuildStepEvent =
  | 'started'
  | 'completed'
  | 'paused'
  | 'resumed'
  | 'failed'
  | 'cleaned-up'
  | 'cleanup-failed';

export async function recordBuildStepEvent(
  db: Queryable,
  input: {
    buildRunId: string;
    buildName: string;
    stepIndex: number;
    event: BuildStepEvent;
    message?: string;
  },
): Promise<void> {
  const now = new Date();
  const message = input.message ?? null;
  const changes = {
    started: {
      status: 'running' as const,
      attempts: incrementStepAttempts(),
      startedAt: now,
      finishedAt: null,
    },
    completed: { status: 'completed' as const, completions: incrementStepCompletions(), finishedAt: now },
    paused: { status: 'paused' as const, message },
    resumed: { status: 'completed' as const, message: null },
    failed: { status: 'failed' as const, finishedAt: now, message },
    'cleaned-up': { status: 'cleaned-up' as const },
    'cleanup-failed': { status: 'cleanup-failed' as const, message },
  }[input.event];
  const key = { buildRunId: input.buildRunId, buildName: input.buildName, stepIndex: input.stepIndex };
  if (!(await updateStep(db, key, changes))) {
    throw KilnError.notFound(
      `step ${input.stepIndex} of build "${input.buildName}" in build run ${input.buildRunId} (was the run marked running with its steps?)`,
    );
  }
}
