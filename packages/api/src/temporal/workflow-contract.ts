export const TASK_QUEUES = { builds: 'kiln-builds' } as const;

export const IMAGE_BUILD_WORKFLOW_TYPE = 'imageBuildWorkflow';

/** Ids only: secrets never enter workflow history. */
export interface ImageBuildWorkflowInput {
  buildRunId: string;
  organizationId: string;
}

export function buildRunWorkflowId(organizationId: string, buildRunId: string): string {
  return `build-run:${organizationId}:${buildRunId}`;
}

export interface BuildWorkflowStarter {
  startImageBuild(input: ImageBuildWorkflowInput): Promise<{ workflowId: string }>;
}
