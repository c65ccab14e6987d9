import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { TASK_QUEUES } from '@kiln/api/temporal';
import type { Logger } from 'pino';

export const RESOURCE_SWEEPER_WORKFLOW_ID = 'kiln-resource-sweeper';

/** Starts the resource sweeper unless it runs already (every worker tries; one runs). */
export async function ensureResourceSweeper(
  client: Client,
  logger: Logger,
  intervalSeconds = 600,
): Promise<void> {
  try {
    await client.workflow.start('resourceSweeperWorkflow', {
      taskQueue: TASK_QUEUES.builds,
      workflowId: RESOURCE_SWEEPER_WORKFLOW_ID,
      args: [{ intervalSeconds, rounds: 24 }],
    });
    logger.info({ workflowId: RESOURCE_SWEEPER_WORKFLOW_ID, intervalSeconds }, 'resource sweeper started');
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
