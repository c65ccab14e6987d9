export const TASK_QUEUES = { builds: 'kiln-builds' } as const;

export const IMAGE_BUILD_WORKFLOW_TYPE = 'imageBuildWorkflow';
/** One child workflow per build of a run. */
export const BUILD_WORKFLOW_TYPE = 'buildWorkflow';

/** Signals the workflows take. */
export const SIGNALS = {
  /** Sent to a build's workflow to resume it at a breakpoint. */
  resumeBreakpoint: 'resumeBreakpoint',
} as const;

/** Ids only: secrets never enter workflow history. */
export interface ImageBuildWorkflowInput {
  buildRunId: string;
  organizationId: string;
}

export function buildRunWorkflowId(organizationId: string, buildRunId: string): string {
  return `build-run:${organizationId}:${buildRunId}`;
}

/** The workflow of one build of a run: `build-run:<org>:<run>:<build>`. */
export function buildWorkflowId(organizationId: string, buildRunId: string, buildName: string): string {
  return `${buildRunWorkflowId(organizationId, buildRunId)}:${buildName}`;
}

export interface BuildWorkflowStarter {
  startImageBuild(input: ImageBuildWorkflowInput): Promise<{ workflowId: string }>;
}

/** What people and CI do to a run that is going: cancel it, resume a build at a breakpoint. */
export interface BuildRunControl {
  cancelBuildRun(input: ImageBuildWorkflowInput): Promise<void>;
  resumeBreakpoint(input: ImageBuildWorkflowInput & { buildName: string }): Promise<void>;
}
