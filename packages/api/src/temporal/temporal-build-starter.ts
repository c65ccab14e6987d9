import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  type BuildRunControl,
  type BuildWorkflowStarter,
  buildRunWorkflowId,
  buildWorkflowId,
  SIGNALS,
  IMAGE_BUILD_WORKFLOW_TYPE,
  type ImageBuildWorkflowInput,
  TASK_QUEUES,
} from './workflow-contract.ts';

export interface TemporalBuildStarter extends BuildWorkflowStarter, BuildRunControl {
  close(): Promise<void>;
}

/** Starts `imageBuildWorkflow` on the builds task queue, cancels runs, resumes breakpoints. Connects lazily, once. */
export function createTemporalBuildStarter(options: {
  address: string;
  namespace: string;
  /** How long to wait for the server when connecting; 10 s unless given. */
  connectTimeoutMs?: number;
}): TemporalBuildStarter {
  let connecting: Promise<{ client: Client; connection: Connection }> | undefined;
  const connect = () => {
    connecting ??= Connection.connect({
      address: options.address,
      connectTimeout: options.connectTimeoutMs ?? 10_000,
    }).then(
      (connection) => ({ connection, client: new Client({ connection, namespace: options.namespace }) }),
      (error: unknown) => {
        connecting = undefined;
        throw new Error(
          `connecting to Temporal at ${options.address} (namespace ${options.namespace}) failed: ${(error as Error).message}`,
          { cause: error },
        );
      },
    );
    return connecting;
  };
  return {
    async startImageBuild(input: ImageBuildWorkflowInput) {
      const { client } = await connect();
      const workflowId = buildRunWorkflowId(input.organizationId, input.buildRunId);
      try {
        await client.workflow.start(IMAGE_BUILD_WORKFLOW_TYPE, {
          taskQueue: TASK_QUEUES.builds,
          workflowId,
          args: [input],
        });
      } catch (error) {
        // Starting twice for the same run is not an error: the workflow id is the run's business id.
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
      return { workflowId };
    },
    async cancelBuildRun(input: ImageBuildWorkflowInput) {
      const { client } = await connect();
      await client.workflow.getHandle(buildRunWorkflowId(input.organizationId, input.buildRunId)).cancel();
    },
    async resumeBreakpoint(input: ImageBuildWorkflowInput & { buildName: string }) {
      const { client } = await connect();
      const id = buildWorkflowId(input.organizationId, input.buildRunId, input.buildName);
      await client.workflow.getHandle(id).signal(SIGNALS.resumeBreakpoint);
    },
    async close() {
      if (connecting) await (await connecting).connection.close();
    },
  };
}
