import type { ArtifactData, BuildOutcome, BuildState, StepFailureClass } from '@kiln/engine';

/**
 * What crosses the activity boundary and so lands in workflow history: ids, names and the
 * JSON build state. Never secrets.
 */
export type StepKind = 'builder' | 'provisioner' | 'post-processor';

export interface StepSummary {
  index: number;
  name: string;
  kind: StepKind;
}

export interface PreparedBuild {
  /** `<build>.<type>.<source>`. */
  name: string;
  bucketName: string;
  /** HCP's component type, `<type>.<source>`. */
  componentType: string;
  steps: StepSummary[];
}

export interface PrepareBuildRunInput {
  buildRunId: string;
}

export interface PrepareBuildRunResult {
  builds: PreparedBuild[];
}

export interface BuildStepInput {
  buildRunId: string;
  buildName: string;
  stepIndex: number;
  state: BuildState;
}

/** A step's cleanup is told how the build (or its builder part) ended. */
export interface CleanupStepInput extends BuildStepInput {
  outcome: BuildOutcome;
}

export interface CompleteRegistryBuildInput {
  buildRunId: string;
  bucketName: string;
  componentType: string;
  status: 'done' | 'failed';
  artifact?: ArtifactData;
}

export interface FinishBuildRunInput {
  buildRunId: string;
  status: 'succeeded' | 'failed' | 'cancelled';
  failureClass?: StepFailureClass;
  error?: string;
}

/** Failure classes that retrying cannot fix; activities throw them as non-retryable ApplicationFailures. */
export const PERMANENT_FAILURE_CLASSES: readonly StepFailureClass[] = [
  'bad-config',
  'provisioner-failed',
  'cancelled',
];

export const FAILURE_CLASSES: readonly StepFailureClass[] = [
  'bad-config',
  'provisioner-failed',
  'cloud-transient',
  'cancelled',
  'timed-out',
  'internal',
];
