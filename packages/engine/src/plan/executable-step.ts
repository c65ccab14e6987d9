import type { BuildState, RunContext, StepResult } from '../spi/plugin.ts';

/** One step of an instantiated build, addressed by its index across processes. */
export interface ExecutableStep {
  name: string;
  kind: 'builder' | 'provisioner' | 'post-processor';
  run(state: BuildState, ctx: RunContext): Promise<StepResult>;
  cleanup(state: BuildState, ctx: RunContext): Promise<void>;
}
