import type { OnError, SequenceOutcome, StepExecutor } from '@kiln/engine/run';
import { runStepSequence } from '@kiln/engine/run';
import { SIGNALS } from '@kiln/api/temporal/contract';
import { CancellationScope, condition, defineSignal, setHandler } from '@temporalio/workflow';
import type { PreparedBuild } from '../activities/types.ts';
import { classifyActivityFailure } from './failure-class.ts';
import { bookkeeping, steps } from './options.ts';
import { initialBuildState } from './summary.ts';

/** Resumes the build at the breakpoint it waits at. */
export const resumeBreakpointSignal = defineSignal(SIGNALS.resumeBreakpoint);

/** Ids and names only: never secrets. */
export interface BuildWorkflowInput {
  buildRunId: string;
  organizationId: string;
  build: PreparedBuild;
  onError: OnError;
}

export interface BuildWorkflowResult {
  outcome: SequenceOutcome;
  /**
   * Builder steps whose cleanup was held back (`on-error` abort or run-cleanup-provisioner on a failed
   * build), latest first: the run cleans them up after keeping the resources for a while.
   */
  deferredCleanups: number[];
}

/**
 * One build of a run, `build-run:<org>:<run>:<build>`: its steps with Packer's multistep semantics,
 * each step an activity, the builder's steps cleaned up before post-processing and, on failure or
 * cancel, in reverse. A breakpoint waits here for the resume signal.
 */
export async function buildWorkflow(input: BuildWorkflowInput): Promise<BuildWorkflowResult> {
  const { buildRunId, build, onError } = input;
  const buildName = build.name;
  let resumes = 0;
  setHandler(resumeBreakpointSignal, () => {
    resumes++;
  });
  const deferredCleanups: number[] = [];
  const executor: StepExecutor = {
    run: (stepIndex, state) => steps.runBuildStep({ buildRunId, buildName, stepIndex, state, onError }),
    cleanup: async (stepIndex, state, outcome) => {
      // Only a builder's steps create anything; provisioners and post-processors have nothing to undo.
      if (build.steps[stepIndex]?.kind !== 'builder') return;
      if (outcome === 'failed' && onError !== 'cleanup') {
        deferredCleanups.push(stepIndex);
        return;
      }
      await CancellationScope.nonCancellable(() =>
        steps.cleanupBuildStep({ buildRunId, buildName, stepIndex, state, outcome }),
      );
    },
    isCancelled: () => CancellationScope.current().consideredCancelled,
    pause: async (stepIndex, note) => {
      const seen = resumes;
      await bookkeeping.recordBuildPause({ buildRunId, buildName, stepIndex, note, paused: true });
      // Rejects when the build is cancelled while it waits.
      await condition(() => resumes > seen);
      await bookkeeping.recordBuildPause({ buildRunId, buildName, stepIndex, note, paused: false });
    },
  };
  const initial = initialBuildState(buildRunId);
  const postProcessingFrom = build.steps.findIndex((step) => step.kind === 'post-processor');
  const outcome = await runStepSequence(build.steps.length, initial, executor, {
    classify: classifyActivityFailure,
    postProcessingFrom: postProcessingFrom === -1 ? build.steps.length : postProcessingFrom,
  });
  return { outcome, deferredCleanups };
}
