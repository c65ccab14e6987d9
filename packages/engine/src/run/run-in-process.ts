import { type ExecutableStep, postProcessingStart } from '../plan/executable-step.ts';
import {
  type BuildState,
  type RunContext,
  type StepError,
  STEP_FAILURE_CLASSES,
  emptyBuildState,
} from '../spi/plugin.ts';
import { type SequenceOutcome, runStepSequence } from './sequence.ts';

/** As the worker does: a plugin marks its failure with `failureClass`; an aborted run is cancelled. */
function classify(ctx: RunContext): (error: unknown) => StepError {
  return (error) => {
    const declared = (error as { failureClass?: unknown } | null)?.failureClass;
    const known = STEP_FAILURE_CLASSES.find((c) => c === declared);
    return {
      class: ctx.signal.aborted ? 'cancelled' : (known ?? 'internal'),
      message: error instanceof Error ? error.message : String(error),
    };
  };
}

/**
 * Runs a build's steps in this process with Packer's multistep semantics (see runStepSequence):
 * the builder's steps are cleaned up before post-processing. A breakpoint fails the build, since no
 * one can resume it here, unless `resume` is given.
 */
export function runBuildInProcess(
  steps: ExecutableStep[],
  ctx: RunContext,
  initial: BuildState = emptyBuildState(),
  resume?: (note: string) => Promise<void>,
): Promise<SequenceOutcome> {
  const step = (index: number): ExecutableStep => {
    const found = steps[index];
    if (!found) throw new Error(`step ${index} does not exist: the build has ${steps.length} steps`);
    return found;
  };
  return runStepSequence(
    steps.length,
    initial,
    {
      run: (index, state) => {
        ctx.ui.say(step(index).name);
        return step(index).run(state, ctx);
      },
      cleanup: (index, state, outcome) => step(index).cleanup(state, { ...ctx, outcome }),
      isCancelled: () => ctx.signal.aborted,
      ...(resume ? { pause: (_index: number, note: string) => resume(note) } : {}),
    },
    { classify: classify(ctx), postProcessingFrom: postProcessingStart(steps) },
  );
}
