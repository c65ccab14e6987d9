import { randomBytes } from 'node:crypto';
import { createSealer } from '../secrets/sealer.ts';
import type {
  BuildRunControl,
  BuildWorkflowStarter,
  ImageBuildWorkflowInput,
} from '../temporal/workflow-contract.ts';
import { buildRunWorkflowId } from '../temporal/workflow-contract.ts';

/**
 * Records the workflows it was asked to start, cancel and resume; `failWith` makes it fail like an
 * unreachable Temporal.
 */
export class RecordingBuildStarter implements BuildWorkflowStarter, BuildRunControl {
  readonly started: ImageBuildWorkflowInput[] = [];
  readonly cancelled: ImageBuildWorkflowInput[] = [];
  readonly resumed: (ImageBuildWorkflowInput & { buildName: string })[] = [];
  failWith: Error | undefined;

  async startImageBuild(input: ImageBuildWorkflowInput): Promise<{ workflowId: string }> {
    if (this.failWith) throw this.failWith;
    this.started.push(input);
    return { workflowId: buildRunWorkflowId(input.organizationId, input.buildRunId) };
  }

  async cancelBuildRun(input: ImageBuildWorkflowInput): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.cancelled.push(input);
  }

  async resumeBreakpoint(input: ImageBuildWorkflowInput & { buildName: string }): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.resumed.push(input);
  }
}

/** A sealer with a key of this test process's own. */
export const testSealer = createSealer(randomBytes(32));
