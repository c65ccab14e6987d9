import type { BuildWorkflowStarter, ImageBuildWorkflowInput } from '../temporal/workflow-contract.ts';
import { buildRunWorkflowId } from '../temporal/workflow-contract.ts';

/** Records the workflows it was asked to start; `failWith` makes it fail like an unreachable Temporal. */
export class RecordingBuildStarter implements BuildWorkflowStarter {
  readonly started: ImageBuildWorkflowInput[] = [];
  failWith: Error | undefined;

  async startImageBuild(input: ImageBuildWorkflowInput): Promise<{ workflowId: string }> {
    if (this.failWith) throw this.failWith;
    this.started.push(input);
    return { workflowId: buildRunWorkflowId(input.organizationId, input.buildRunId) };
  }
}
