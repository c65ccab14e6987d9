import type { ArtifactData, BuildOutcome, BuildState, OnError, StepFailureClass } from '@kiln/engine';

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

/** How the run goes, as it was started (defaults filled in). */
export interface RunOptions {
  /** At most this many builds at once; 0: all at once. */
  parallelBuilds: number;
  /** A failed build cancels the others. */
  failFast: boolean;
  onError: OnError;
  /** The run is stopped, as timed out, this long after it was planned. */
  deadlineSeconds?: number;
  /** How long `on-error` abort / run-cleanup-provisioner keep a failed build's resources. */
  keepOnErrorSeconds: number;
}

export interface PrepareBuildRunResult {
  builds: PreparedBuild[];
  options: RunOptions;
}

export interface BuildStepInput {
  buildRunId: string;
  buildName: string;
  stepIndex: number;
  state: BuildState;
  /** Absent in histories from before `on-error`: `cleanup`. */
  onError?: OnError;
}

export interface RecordBuildPauseInput {
  buildRunId: string;
  buildName: string;
  stepIndex: number;
  note: string;
  /** True when the build stops at the breakpoint, false when it is resumed. */
  paused: boolean;
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
  /** Resources of failed builds are kept this long (`on-error`); the run's secrets stay until then. */
  keptForSeconds?: number;
}

export interface ReleaseBuildRunInput {
  buildRunId: string;
}

/** Failure classes that retrying cannot fix; activities throw them as non-retryable ApplicationFailures. */
export const PERMANENT_FAILURE_CLASSES: readonly StepFailureClass[] = [
  'bad-config',
  'provisioner-failed',
  'cancelled',
];

/** Every failure class, as the engine names them. */
export { STEP_FAILURE_CLASSES as FAILURE_CLASSES } from '@kiln/engine/run';
