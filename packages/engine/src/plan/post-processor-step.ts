import type { PostProcessorDecl } from '../model/template.ts';
import type { JsonObject } from '../spi/json.ts';
import {
  type ArtifactData,
  type BuildState,
  POST_PROCESSING_KEY,
  type PluginRegistry,
  type PostProcessorPlugin,
  type PostProcessorResult,
  type RunContext,
  type StepResult,
} from '../spi/plugin.ts';
import type { BuildPlan } from './build-plan.ts';
import type { ExecutableStep } from './executable-step.ts';
import { prepareStepConfig } from './plugin-context.ts';
import { errorMessage, halt } from './step-results.ts';

/** The plugin whose `destroyArtifact` removes an artifact: the one that created it. */
interface Producer {
  kind: 'builder' | 'post-processor';
  type: string;
}

/** An artifact of a chain and the plugin that created it. */
interface ChainArtifact {
  artifact: ArtifactData;
  producer: Producer;
}

/** What post-processing remembers between its steps (JSON, in `state.resources`). */
interface PostProcessing {
  /** The builder's own artifact: the input of the first post-processor of every chain. */
  builderArtifact: ArtifactData;
  /** Whether the first post-processor of some chain kept the builder's artifact. */
  keepBuilderArtifact: boolean;
  /** The latest artifact of the chain being run. */
  current?: ChainArtifact;
  /** Kept intermediate artifacts and the last artifact of each chain, in Packer's order. */
  kept: ArtifactData[];
  /** Chains (by index) that a failing post-processor ended. */
  failedChains: number[];
  /** One message per failure (post-processor or destruction), reported once the last step has run. */
  errors: string[];
  /** Packer's result list, set by the build's last post-processor: see `buildArtifacts`. */
  artifacts?: ArtifactData[];
}

/** Where a post-processor stands: its chain, whether it starts or ends it, whether it is the build's first or last. */
export interface PostProcessorPosition {
  chain: number;
  chainStart: boolean;
  chainEnd: boolean;
  first: boolean;
  last: boolean;
}

/**
 * One post-processor as a step, run as Packer's `CoreBuild.Run` runs post-processors:
 * - each chain starts from the builder's artifact and passes each result on; a builder without an
 *   artifact skips them all; a failing post-processor ends its chain only;
 * - whether a post-processor keeps its input is its own default unless the template's
 *   `keep_input_artifact` says otherwise (a forced keep ignores `false`);
 * - an intermediate artifact is destroyed as soon as the next post-processor does not keep it;
 *   the builder's artifact is destroyed after the last chain unless the first post-processor of
 *   some chain kept it;
 * - the build's artifacts are [builder's artifact if kept, kept intermediates, each chain's last];
 * - the build fails with every failure, destruction failures included, once the last step has run.
 */
export function postProcessorStep(
  build: BuildPlan,
  plugins: PluginRegistry,
  decl: PostProcessorDecl,
  name: string,
  sourceRef: string,
  position: PostProcessorPosition,
): ExecutableStep {
  return {
    name,
    kind: 'post-processor',
    async run(state, ctx) {
      const plugin = plugins.postProcessor(decl.type);
      if (!plugin) return halt(state, 'bad-config', `unknown post-processor type "${decl.type}"`);
      const saved = progressOf(state);
      const builderArtifact = saved?.builderArtifact ?? state.artifact;
      if (!builderArtifact) {
        if (position.first)
          ctx.ui.say(`The ${build.sourceType} builder produced no artifact: no post-processing`);
        return { action: 'continue', state };
      }
      const progress: PostProcessing = saved ?? {
        builderArtifact,
        keepBuilderArtifact: false,
        kept: [],
        failedChains: [],
        errors: [],
      };
      const ran = progress.failedChains.includes(position.chain)
        ? { state, progress }
        : await runInChain(plugin, state, progress, ctx);
      if ('halted' in ran) return ran.halted;
      const update = position.last ? await finishPostProcessing(ran.progress, ctx) : ran.progress;
      const withProgress: BuildState = {
        ...ran.state,
        resources: { ...ran.state.resources, [POST_PROCESSING_KEY]: update as unknown as JsonObject },
      };
      if (position.last && update.errors.length > 0) {
        return halt(withProgress, 'provisioner-failed', update.errors.join('; '));
      }
      return { action: 'continue', state: withProgress };
    },
    async cleanup() {},
  };

  /**
   * Runs the post-processor on its chain's artifact. A failure ends the chain: its input is then
   * neither kept nor destroyed, as in Packer. Bad settings and cancellation stop the build.
   */
  async function runInChain(
    plugin: PostProcessorPlugin<unknown>,
    state: BuildState,
    progress: PostProcessing,
    ctx: RunContext,
  ): Promise<{ state: BuildState; progress: PostProcessing } | { halted: StepResult }> {
    const input: ChainArtifact | undefined = position.chainStart
      ? { artifact: progress.builderArtifact, producer: { kind: 'builder', type: build.sourceType } }
      : progress.current;
    if (!input)
      return { halted: halt(state, 'internal', 'the previous post-processor produced no artifact') };
    const prepared = prepareStepConfig(build, decl, plugin, sourceRef, state.generated);
    if ('error' in prepared) return { halted: halt(state, 'bad-config', prepared.error) };
    let result: PostProcessorResult;
    try {
      result = await plugin.postProcess(prepared.config, input.artifact, ctx, state);
    } catch (error) {
      const message = `the ${decl.type} post-processor failed: ${errorMessage(error)}`;
      if (ctx.signal.aborted) return { halted: halt(state, 'cancelled', message) };
      ctx.ui.error(`${message}; the rest of its chain is skipped`);
      return {
        state,
        progress: {
          ...progress,
          failedChains: [...progress.failedChains, position.chain],
          errors: [...progress.errors, message],
        },
      };
    }
    return {
      state: { ...state, artifact: result.artifact },
      progress: await afterPostProcess(progress, input, result, ctx),
    };
  }

  /** Keeps or destroys the input as Packer does, then makes the result the chain's latest artifact. */
  async function afterPostProcess(
    progress: PostProcessing,
    input: ChainArtifact,
    result: PostProcessorResult,
    ctx: RunContext,
  ): Promise<PostProcessing> {
    const keep = keepsInput(result, ctx);
    let update = { ...progress };
    if (position.chainStart) {
      if (keep) update.keepBuilderArtifact = true;
    } else if (keep) {
      update.kept = [...update.kept, input.artifact];
    } else {
      ctx.ui.message(`Deleting prior artifact from post-processor '${decl.type}'`);
      const failure = await destroy(input, ctx);
      if (failure)
        update = failed(update, `Failed cleaning up prior artifact: ${failure}; pp is ${decl.type}`, ctx);
    }
    const passedOn = sameArtifact(result.artifact, input.artifact);
    const current: ChainArtifact = {
      artifact: result.artifact,
      producer: passedOn ? input.producer : { kind: 'post-processor', type: decl.type },
    };
    update.current = current;
    if (position.chainEnd) update.kept = [...update.kept, current.artifact];
    return update;
  }

  /** Packer's rule: the template's `keep_input_artifact` overrides the default unless the keep is forced. */
  function keepsInput(result: PostProcessorResult, ctx: RunContext): boolean {
    const chosen = decl.keepInputArtifact;
    if (chosen === undefined) return result.keepInputDefault;
    if (result.keepInputDefault && result.forceKeepInput && !chosen) {
      ctx.ui.message(
        `The ${decl.type} post-processor forces keep_input_artifact=true to preserve the integrity of the build chain; keep_input_artifact=false is ignored`,
      );
      return true;
    }
    return chosen;
  }

  /** After the last chain: the builder's artifact leads the result list if kept, else it is destroyed. */
  async function finishPostProcessing(progress: PostProcessing, ctx: RunContext): Promise<PostProcessing> {
    const { builderArtifact } = progress;
    if (progress.keepBuilderArtifact) {
      return { ...progress, artifacts: [builderArtifact, ...progress.kept] };
    }
    ctx.ui.message(`Deleting original artifact for build '${build.sourceType}'`);
    const failure = await destroy(
      { artifact: builderArtifact, producer: { kind: 'builder', type: build.sourceType } },
      ctx,
    );
    const update = { ...progress, artifacts: progress.kept };
    if (!failure) return update;
    return failed(
      update,
      `Error destroying builder artifact: ${failure}; bad artifact: ${JSON.stringify(builderArtifact.files)}`,
      ctx,
    );
  }

  /** Destroys an artifact with its producer's `destroyArtifact`; the failure's message, if any. */
  async function destroy(
    { artifact, producer }: ChainArtifact,
    ctx: RunContext,
  ): Promise<string | undefined> {
    const plugin =
      producer.kind === 'builder' ? plugins.builder(producer.type) : plugins.postProcessor(producer.type);
    if (!plugin?.destroyArtifact) {
      ctx.ui.message(
        `The ${producer.type} ${producer.kind} declares no way to destroy its artifacts: ${describe(artifact)} is left in place`,
      );
      return undefined;
    }
    try {
      await plugin.destroyArtifact(artifact, ctx);
      return undefined;
    } catch (error) {
      return errorMessage(error);
    }
  }
}

function failed(progress: PostProcessing, message: string, ctx: RunContext): PostProcessing {
  ctx.ui.error(message);
  return { ...progress, errors: [...progress.errors, message] };
}

function describe(artifact: ArtifactData): string {
  const files = artifact.files.length > 0 ? ` (${artifact.files.join(', ')})` : '';
  return `artifact "${artifact.id}" of ${artifact.builderId}${files}`;
}

/** A post-processor passes its input on when it returns it, or an equal copy of it. */
function sameArtifact(a: ArtifactData, b: ArtifactData): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function progressOf(state: BuildState): PostProcessing | undefined {
  const saved = state.resources[POST_PROCESSING_KEY] as unknown as Partial<PostProcessing> | undefined;
  if (!saved || !isArtifact(saved.builderArtifact)) return undefined;
  return {
    builderArtifact: saved.builderArtifact,
    keepBuilderArtifact: saved.keepBuilderArtifact === true,
    ...(saved.current && isArtifact(saved.current.artifact) ? { current: saved.current } : {}),
    kept: saved.kept ?? [],
    failedChains: saved.failedChains ?? [],
    errors: saved.errors ?? [],
    ...(saved.artifacts ? { artifacts: saved.artifacts } : {}),
  };
}

function isArtifact(value: unknown): value is ArtifactData {
  return typeof value === 'object' && value !== null && 'builderId' in value && 'id' in value;
}
