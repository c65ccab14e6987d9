import type { BuildState, CleanupContext, RunContext, StepResult } from '../spi/plugin.ts';

/** One step of an instantiated build, addressed by its index across processes. */
export interface ExecutableStep {
  name: string;
  kind: 'builder' | 'provisioner' | 'post-processor';
  run(state: BuildState, ctx: RunContext): Promise<StepResult>;
  cleanup(state: BuildState, ctx: CleanupContext): Promise<void>;
}

/** Where post-processing starts in a build's steps (`steps.length` when it has none). */
export function postProcessingStart(steps: readonly Pick<ExecutableStep, 'kind'>[]): number {
  const index = steps.findIndex((step) => step.kind === 'post-processor');
  return index === -1 ? steps.length : index;
}
