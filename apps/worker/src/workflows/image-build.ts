import type { BuildState, SequenceOutcome, StepExecutor, StepFailureClass } from '@kiln/engine/run';
import { runStepSequence } from '@kiln/engine/run';
import type { ImageBuildWorkflowInput } from '@kiln/api/temporal';
import {
  ActivityCancellationType,
  CancellationScope,
  CancelledFailure,
  proxyActivities,
} from '@temporalio/workflow';
import type { BuildActivities } from '../activities/build-activities.ts';
import type { PreparedBuild } from '../activities/types.ts';
import { PERMANENT_FAILURE_CLASSES } from '../activities/types.ts';
import { classifyActivityFailure } from './failure-class.ts';

const NON_RETRYABLE = [...PERMANENT_FAILURE_CLASSES];

const planning = proxyActivities<BuildActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE },
});

/** Steps heartbeat, so a dead worker is noticed within the heartbeat timeout and the step is retried. */
const steps = proxyActivities<BuildActivities>({
  startToCloseTimeout: '4 hours',
  heartbeatTimeout: '10 seconds',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { maximumAttempts: 3, initialInterval: '1 second', nonRetryableErrorTypes: NON_RETRYABLE },
});

const bookkeeping = proxyActivities<BuildActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 10, nonRetryableErrorTypes: NON_RETRYABLE },
});

export type { ImageBuildWorkflowInput };

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

/**
 * One build run: plan, run every build's steps in parallel (each step one activity, cleaned up in
 * reverse, on cancel too), complete the registry builds, then finish the run.
 */
export async function imageBuildWorkflow(input: ImageBuildWorkflowInput): Promise<ImageBuildWorkflowResult> {
  const { buildRunId } = input;
  let builds: PreparedBuild[];
  try {
    ({ builds } = await planning.prepareBuildRun({ buildRunId }));
  } catch (error) {
    const failure = classifyActivityFailure(error);
    const status = failure.class === 'cancelled' ? 'cancelled' : 'failed';
    const result: ImageBuildWorkflowResult = {
      status,
      failureClass: failure.class,
      error: failure.message,
      builds: [],
    };
    await CancellationScope.nonCancellable(() =>
      bookkeeping.finishBuildRun({ buildRunId, ...withoutBuilds(result) }),
    );
    return endAs(result);
  }

  const outcomes = await Promise.all(builds.map((build) => runBuild(buildRunId, build)));
  const result = summarise(builds, outcomes, CancellationScope.current().consideredCancelled);

  await CancellationScope.nonCancellable(async () => {
    await Promise.all(
      builds.map((build, i) => {
        const artifact = outcomes[i]!.status === 'succeeded' ? outcomes[i]!.state.artifact : undefined;
        return bookkeeping.completeRegistryBuild({
          buildRunId,
          bucketName: build.bucketName,
          componentType: build.componentType,
          status: outcomes[i]!.status === 'succeeded' ? 'done' : 'failed',
          ...(artifact ? { artifact } : {}),
        });
      }),
    );
    await bookkeeping.finishBuildRun({ buildRunId, ...withoutBuilds(result) });
  });
  return endAs(result);
}

/** A cancelled run ends its workflow as cancelled too, once everything is cleaned up and recorded. */
function endAs(result: ImageBuildWorkflowResult): ImageBuildWorkflowResult {
  if (result.status === 'cancelled' && CancellationScope.current().consideredCancelled) {
    throw new CancelledFailure(result.error ?? 'the build run was cancelled');
  }
  return result;
}

function runBuild(buildRunId: string, build: PreparedBuild): Promise<SequenceOutcome> {
  const buildName = build.name;
  const executor: StepExecutor = {
    run: (stepIndex, state) => steps.runBuildStep({ buildRunId, buildName, stepIndex, state }),
    cleanup: async (stepIndex, state, outcome) => {
      // Only a builder's steps create anything; provisioners and post-processors have nothing to undo.
      if (build.steps[stepIndex]?.kind !== 'builder') return;
      await CancellationScope.nonCancellable(() =>
        steps.cleanupBuildStep({ buildRunId, buildName, stepIndex, state, outcome }),
      );
    },
    isCancelled: () => CancellationScope.current().consideredCancelled,
  };
  const postProcessingFrom = build.steps.findIndex((step) => step.kind === 'post-processor');
  return runStepSequence(build.steps.length, initialState(buildRunId), executor, {
    classify: classifyActivityFailure,
    postProcessingFrom: postProcessingFrom === -1 ? build.steps.length : postProcessingFrom,
  });
}

/** Packer's `build.PackerRunUUID`: here the build run's id. */
function initialState(buildRunId: string): BuildState {
  return { generated: { PackerRunUUID: buildRunId }, resources: {} };
}

function summarise(
  builds: PreparedBuild[],
  outcomes: SequenceOutcome[],
  cancelled: boolean,
): ImageBuildWorkflowResult {
  const summaries = builds.map((build, i): BuildOutcomeSummary => {
    const outcome = outcomes[i]!;
    const orphaned = outcome.cleanupFailures.map((f) => `cleanup of step ${f.index} failed: ${f.message}`);
    const error = [outcome.error?.message, ...orphaned].filter(Boolean).join('; ');
    return {
      name: build.name,
      status: outcome.status,
      ...(outcome.error ? { failureClass: outcome.error.class } : {}),
      ...(error ? { error } : {}),
    };
  });
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

function withoutBuilds(result: ImageBuildWorkflowResult) {
  return {
    status: result.status,
    ...(result.failureClass ? { failureClass: result.failureClass } : {}),
    ...(result.error ? { error: result.error } : {}),
  };
}
