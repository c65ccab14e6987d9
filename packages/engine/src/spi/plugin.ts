import type { Diagnostic } from '../errors/diagnostic.ts';
import type { Communicator } from './communicator.ts';
import type { JsonObject, JsonValue } from './json.ts';
import type { BuildSecrets, ResourceLedger } from './ledger.ts';
import type { LocalExecutor } from './local-exec.ts';
import type { RegistryLookup } from './registry-lookup.ts';

/** Which kind of plugin a schema or registration belongs to. */
export type PluginKind = 'builder' | 'provisioner' | 'post-processor' | 'datasource';

/** The type of one setting, in HCL type-constraint words. */
export type SettingType =
  | 'string'
  | 'number'
  | 'bool'
  | 'duration'
  | 'list(string)'
  | 'map(string)'
  | 'any'
  | 'block';

/** One setting a plugin accepts: validate reports unknown and missing settings from this. */
export interface SettingSchema {
  name: string;
  type: SettingType;
  required?: boolean;
  /** Marks the value as secret: never logged, never in workflow history. */
  sensitive?: boolean;
  description?: string;
  /** For `type: 'block'`: the settings of the nested block. */
  block?: SettingSchema[];
  /** For `type: 'block'`: whether the block may repeat. */
  repeated?: boolean;
  /**
   * Who renders the Go-template actions (`{{ build_name }}`) in the strings of this setting of an
   * HCL2 template. `'engine'` (the default): rendered before `prepare()`, as Packer's plugins do
   * when they decode their settings. `'plugin'`: the plugin renders them itself while it runs,
   * with data of its own (`{{.Vars}}`, `{{.Script}}`); the engine only checks that they parse.
   * This is Packer's `InterpolateFilter.Exclude`, and like it applies to top-level settings: a
   * nested block is rendered with the setting it belongs to.
   */
  renderedBy?: 'engine' | 'plugin';
}

export interface PluginSchema {
  kind: PluginKind;
  type: string;
  settings: SettingSchema[];
}

/**
 * What `prepare()` sees, while a template is validated, for a value known only once the build runs
 * (e.g. `"BUILDER=${build.ID}"`). Plugins check such a value when the step runs, not before.
 */
export const UNKNOWN_PLACEHOLDER = '<unknown>';

/** Settings after evaluation: plain JSON, keyed by setting name. */
export type PluginConfig = JsonObject;

export interface PrepareResult<C> {
  config?: C;
  diagnostics: Diagnostic[];
}

/** Build output: what the user reads, streamed to the UI and stored. Never operational logs. */
export interface BuildUi {
  say(message: string): void;
  message(message: string): void;
  error(message: string): void;
}

/** What every step, provisioner and post-processor is handed while it runs. */
export interface RunContext {
  /** `<build>.<type>.<name>`, e.g. `demo.file.hello`. */
  buildName: string;
  ui: BuildUi;
  /** Aborted when the build is cancelled; long work must stop promptly. */
  signal: AbortSignal;
  /** Call during long work so the orchestrator knows the step is alive. */
  heartbeat(details?: JsonValue): void;
  /** The build run's own directory; relative paths in a template resolve against it, and files a
   * builder writes there (its artifact) stay after the run. */
  workDir: string;
  /** Record every temporary resource before creating it (see ResourceLedger). */
  ledger: ResourceLedger;
  /** Secrets the build makes (a temporary private key): kept outside the state and history. */
  secrets: BuildSecrets;
  /** Runs programs on the worker, in the run's sandbox. Plugins never spawn processes themselves. */
  local: LocalExecutor;
  /**
   * The machine the provisioners work on, for a provisioner step of a builder that connects
   * (BuilderPlugin.connect); absent with `communicator = "none"` and in builder steps.
   */
  communicator?: Communicator;
  /**
   * Packer's `-on-error`: `cleanup` (the default) runs the error-cleanup-provisioner, then cleans up;
   * `abort` does neither (resources are kept for a while, then reaped); `run-cleanup-provisioner`
   * runs the error-cleanup-provisioner and keeps the resources.
   */
  onError?: OnError;
}

export type OnError = 'cleanup' | 'abort' | 'run-cleanup-provisioner';

/** How a build ended, as its cleanup is told: an image is rolled back only on failure or cancel. */
export type BuildOutcome = 'succeeded' | 'failed' | 'cancelled';

/** What a step's cleanup is handed: the run context, and how the build (or its builder phase) ended. */
export interface CleanupContext extends RunContext {
  outcome: BuildOutcome;
}

/** Registry-facing description of what a build produced (HCP's build + artifacts). */
export interface ArtifactData {
  /** The builder's id, e.g. `packer.file`. */
  builderId: string;
  /** Packer's artifact id string, e.g. `us-east-1:ami-0abc` or a file path. */
  id: string;
  /** HCP platform: `aws`, `azure`, `local`, ... */
  platform: string;
  /** One entry per region: external id of the image in that region. */
  images: { region: string; externalId: string }[];
  files: string[];
  labels: Record<string, string>;
  /**
   * The image this one was built from (a source AMI, a source file), as the registry knows it:
   * when a data source of the template read it from the registry, the registry links the new
   * build to that version, its parent.
   */
  sourceImageId?: string;
}

/**
 * The typed, JSON-serialisable state that flows from step to step of one build.
 * Builders keep what they created under `resources` so that their cleanup removes only that.
 */
export interface BuildState {
  /** Values a builder makes known to later phases (`build.ID`, `build.Host`, ...). */
  generated: Record<string, string>;
  /** What steps created, keyed by step: each step cleans only its own entry. */
  resources: Record<string, JsonObject>;
  /** Set by the builder's final step. */
  artifact?: ArtifactData;
}

export type StepResult =
  | { action: 'continue'; state: BuildState }
  /**
   * Wait here until someone resumes the build (a `breakpoint` provisioner), then go on with the
   * next step. A host that cannot wait (no one to resume it) fails the build as `bad-config`.
   */
  | { action: 'pause'; state: BuildState; note: string }
  /** Stop the sequence; `state` still records what the step created before failing. */
  | { action: 'halt'; state: BuildState; error: StepError };

/** How a step failed; the run's status and the retry policy follow it. */
export const STEP_FAILURE_CLASSES = [
  'bad-config',
  'provisioner-failed',
  'cloud-transient',
  'cancelled',
  'timed-out',
  'internal',
] as const;

export type StepFailureClass = (typeof STEP_FAILURE_CLASSES)[number];

export interface StepError {
  class: StepFailureClass;
  message: string;
}

/** A builder's step, Packer multistep-style: run, then cleanup whatever run created. */
export interface BuilderStep<C> {
  name: string;
  run(config: C, state: BuildState, ctx: RunContext): Promise<StepResult>;
  /**
   * Called for every step that started, in reverse order, the failing one included: when the
   * builder's part is over (before post-processing) or the build stopped. Temporary resources always
   * go; what the build was for (an image) goes only when `ctx.outcome` is not `succeeded`.
   */
  cleanup(config: C, state: BuildState, ctx: CleanupContext): Promise<void>;
}

/** Where the builder's step list hands over to the provisioners. */
export const PROVISION_HOOK = 'provision' as const;
export type BuilderStepEntry<C> = BuilderStep<C> | typeof PROVISION_HOOK;

/**
 * Removes what an artifact stands for (a file, an image), Packer's `Artifact.Destroy()`. The engine
 * calls it for artifacts that post-processing does not keep; throw an Error saying what could not be
 * removed and why. A plugin that declares none leaves its artifacts in place (and the build says so).
 */
export type DestroyArtifact = (artifact: ArtifactData, ctx: RunContext) => Promise<void>;

export interface BuilderPlugin<C = PluginConfig> {
  kind: 'builder';
  schema: PluginSchema;
  prepare(config: PluginConfig): PrepareResult<C>;
  /** The ordered steps of this builder. Exactly one entry is PROVISION_HOOK when it runs provisioners. */
  steps(config: C): BuilderStepEntry<C>[];
  /** Destroys the builder's artifact when no post-processor chain keeps it. */
  destroyArtifact?: DestroyArtifact;
  /**
   * Opens the communicator the provisioners use, from the builder's settings and the state its
   * steps left (host, port, the name of a temporary key in `ctx.secrets`); `undefined` for
   * `communicator = "none"`. Called once per provisioner step, on whichever worker runs it.
   */
  connect?(config: C, state: BuildState, ctx: RunContext): Promise<Communicator | undefined>;
}

/** What a provisioner returns to stop the build at this point until someone resumes it. */
export interface ProvisionPause {
  pause: { note: string };
}

export interface ProvisionerPlugin<C = PluginConfig> {
  kind: 'provisioner';
  schema: PluginSchema;
  prepare(config: PluginConfig): PrepareResult<C>;
  /**
   * Throw a PluginFailure (or any Error) to fail the build. `ctx.communicator` is the machine,
   * when the builder has one. Return a ProvisionPause to wait for someone to resume the build.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: most provisioners are `async` functions that return nothing.
  provision(config: C, state: BuildState, ctx: RunContext): Promise<void | ProvisionPause>;
}

/**
 * What a post-processor returns: Packer's `(artifact, keep, forceOverride)`. Whether the input
 * artifact is kept is `keepInputDefault`, unless the template sets `keep_input_artifact`; that
 * setting wins, except that `false` is ignored when both `keepInputDefault` and `forceKeepInput`
 * are true. An input that is not kept is destroyed (see DestroyArtifact).
 */
export interface PostProcessorResult {
  /** The new artifact, or the input itself (the same object, or an equal copy) to pass it on. */
  artifact: ArtifactData;
  /** Packer's `keep`: whether the input is kept when the template does not set `keep_input_artifact`. */
  keepInputDefault: boolean;
  /**
   * Packer's `forceOverride`: with `keepInputDefault`, the input is kept even when the template sets
   * `keep_input_artifact = false` (e.g. `checksum`, whose artifact lists the input's files).
   */
  forceKeepInput: boolean;
}

export interface PostProcessorPlugin<C = PluginConfig> {
  kind: 'post-processor';
  schema: PluginSchema;
  prepare(config: PluginConfig): PrepareResult<C>;
  /** `state` is the build's state at this point (e.g. `generated.PackerRunUUID`); read it, never change it. */
  postProcess(
    config: C,
    artifact: ArtifactData,
    ctx: RunContext,
    state: BuildState,
  ): Promise<PostProcessorResult>;
  /** Destroys an artifact this post-processor created (not one it passed on) when it is not kept. */
  destroyArtifact?: DestroyArtifact;
}

/** What a data source is handed while it runs. */
export interface DatasourceContext {
  signal: AbortSignal;
  /** Kiln's image registry, for the `hcp-packer-*` data sources; absent where none is configured. */
  registry?: RegistryLookup;
}

export interface DatasourcePlugin<C = PluginConfig> {
  kind: 'datasource';
  schema: PluginSchema;
  prepare(config: PluginConfig): PrepareResult<C>;
  /** Resolve to the data source's output object; throw an Error saying why it could not. */
  execute(config: C, ctx: DatasourceContext): Promise<JsonObject>;
}

export type AnyPlugin =
  | BuilderPlugin<never>
  | ProvisionerPlugin<never>
  | PostProcessorPlugin<never>
  | DatasourcePlugin<never>;

/** The set of plugins a run may use. The engine never imports plugins; it is handed this. */
export interface PluginRegistry {
  builder(type: string): BuilderPlugin<unknown> | undefined;
  provisioner(type: string): ProvisionerPlugin<unknown> | undefined;
  postProcessor(type: string): PostProcessorPlugin<unknown> | undefined;
  datasource(type: string): DatasourcePlugin<unknown> | undefined;
  /** Known type names of one kind, for "unknown type X; known: a, b" diagnostics. */
  known(kind: PluginKind): string[];
}

/** Where post-processing keeps its progress in `BuildState.resources`. */
export const POST_PROCESSING_KEY = 'post-processors';

/**
 * The artifacts a build ended with, Packer's result list: the builder's artifact if post-processing
 * kept it, the intermediate artifacts that were kept, and the last artifact of each chain, in the
 * order Packer lists them. A build without post-processors ends with its builder's artifact, if any.
 * Read it from the state of a build that succeeded.
 */
export function buildArtifacts(state: BuildState): ArtifactData[] {
  const progress = state.resources[POST_PROCESSING_KEY] as { artifacts?: unknown } | undefined;
  if (progress && Array.isArray(progress.artifacts)) return progress.artifacts as ArtifactData[];
  return state.artifact ? [state.artifact] : [];
}

export function emptyBuildState(): BuildState {
  return { generated: {}, resources: {} };
}
