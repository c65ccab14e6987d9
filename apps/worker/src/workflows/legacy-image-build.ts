import type { SequenceOutcome, StepExecutor } from '@kiln/engine/run';
import { runStepSequence } from '@kiln/engine/run';
import type { ImageBuildWorkflowInput } from '@kiln/api/temporal/contract';
import { CancellationScope } from '@temporalio/workflow';
import type { PreparedBuild } from '../activities/types.ts';
import { classifyActivityFailure } from './failure-class.ts';
import { bookkeeping, planning, steps } from './options.ts';
import {
  type ImageBuildWorkflowResult,
  initialBuildState,
  summariseBuild,
  summariseRun,
  unplannedRun,
  withoutBuilds,
} from './summary.ts';

/**
 * How runs started before builds had workflows of their own go on: every build's steps in this
 * workflow, in parallel. Kept so those histories replay; new runs take `imageBuildWorkflow`'s
 * child-workflow path.
 */
export async function legacyImageBuild(input: ImageBuildWorkflowInput): Promise<ImageBuildWorkflowResult> {
  const { buildRunId } = input;
  let builds: PreparedBuild[];
  try {
    ({ builds } = await planning.prepareBuildRun({ buildRunId }));
  } catch (error) {
    const result = unplannedRun(error);
    await CancellationScope.nonCancellable(() =>
      bookkeeping.finishBuildRun({ buildRunId, ...withoutBuilds(result) }),
    );
    return result;
  }

  const outcomes = await Promise.all(builds.map((build) => runBuild(buildRunId, build)));
  const result = summariseRun(
    builds.map((build, i) => summariseBuild(build, outcomes[i]!)),
    CancellationScope.current().consideredCancelled,
  );
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
  return result;
}

function runBuild(buildRunId: string, build: PreparedBuild): Promise<SequenceOutcome> {
  const buildName = build.name;
  const executor: StepExecutor = {
    run: (stepIndex, state) => steps.runBuildStep({ buildRunId, buildName, stepIndex, state }),
    cleanup: async (stepIndex, state, outcome) => {
      if (build.steps[stepIndex]?.kind !== 'builder') return;
      await CancellationScope.nonCancellable(() =>
        steps.cleanupBuildStep({ buildRunId, buildName, stepIndex, state, outcome }),
      );
    },
    isCancelled: () => CancellationScope.current().consideredCancelled,
  };
  const initial = initialBuildState(buildRunId);
  return runStepSequence(build.steps.length, initial, executor, classifyActivityFailure);
}
