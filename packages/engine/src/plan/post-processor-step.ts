import { hasErrors } from '../errors/diagnostic.ts';
import type { PostProcessorDecl } from '../model/template.ts';
import type { JsonObject } from '../spi/json.ts';
import type { ArtifactData, BuildState, PluginRegistry } from '../spi/plugin.ts';
import type { BuildPlan } from './build-plan.ts';
import type { ExecutableStep } from './executable-step.ts';
import { diagnosticsMessage, stepConfig, withBuild } from './plugin-context.ts';
import { errorMessage, halt } from './step-results.ts';

/** Where post-processing keeps its progress in the build state. */
const POST_PROCESSING_KEY = 'post-processors';

/** What post-processing remembers between its steps (JSON, in `state.resources`). */
interface PostProcessing {
  /** The builder's own artifact: the input of the first post-processor of every chain. */
  builderArtifact: ArtifactData;
  /** Chains (by index) that a failing post-processor ended. */
  failedChains: number[];
  /** `Post-processor failed: ...`, one per failure, reported once the last step has run. */
  errors: string[];
}

/** Where a post-processor stands: its chain, whether it starts it, whether it is the build's last. */
export interface PostProcessorPosition {
  chain: number;
  chainStart: boolean;
  first: boolean;
  last: boolean;
}

/**
 * One post-processor as a step, run as Packer runs post-processors: each chain starts from the
 * builder's artifact and passes each result on; a builder without an artifact skips them all; a
 * failing post-processor ends its chain only, and the build fails with every failure once the
 * last chain has run.
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
      const progress: PostProcessing = saved ?? { builderArtifact, failedChains: [], errors: [] };
      const finish = (next: BuildState, update: PostProcessing) => {
        const withProgress: BuildState = {
          ...next,
          resources: { ...next.resources, [POST_PROCESSING_KEY]: update as unknown as JsonObject },
        };
        if (position.last && update.errors.length > 0) {
          return halt(withProgress, 'provisioner-failed', update.errors.join('; '));
        }
        return { action: 'continue' as const, state: withProgress };
      };
      if (progress.failedChains.includes(position.chain)) return finish(state, progress);

      const input = position.chainStart ? builderArtifact : state.artifact;
      if (!input) return halt(state, 'internal', 'the previous post-processor produced no artifact');
      const evaluated = stepConfig(
        decl,
        plugin.schema,
        withBuild(build.context, build.buildBlockName, state.generated),
        sourceRef,
        'error',
      );
      if (hasErrors(evaluated.diagnostics))
        return halt(state, 'bad-config', diagnosticsMessage(evaluated.diagnostics));
      const prepared = plugin.prepare(evaluated.config);
      if (hasErrors(prepared.diagnostics) || prepared.config === undefined) {
        return halt(
          state,
          'bad-config',
          diagnosticsMessage(prepared.diagnostics) ||
            `the ${decl.type} post-processor did not accept its settings`,
        );
      }
      try {
        const result = await plugin.postProcess(prepared.config, input, ctx, state);
        return finish({ ...state, artifact: result.artifact }, progress);
      } catch (error) {
        const message = `the ${decl.type} post-processor failed: ${errorMessage(error)}`;
        if (ctx.signal.aborted) return halt(state, 'cancelled', message);
        ctx.ui.error(`${message}; the rest of its chain is skipped`);
        return finish(state, {
          ...progress,
          failedChains: [...progress.failedChains, position.chain],
          errors: [...progress.errors, message],
        });
      }
    },
    async cleanup() {},
  };
}

function progressOf(state: BuildState): PostProcessing | undefined {
  const saved = state.resources[POST_PROCESSING_KEY] as unknown as Partial<PostProcessing> | undefined;
  if (!saved || !isArtifact(saved.builderArtifact)) return undefined;
  return {
    builderArtifact: saved.builderArtifact,
    failedChains: saved.failedChains ?? [],
    errors: saved.errors ?? [],
  };
}

function isArtifact(value: unknown): value is ArtifactData {
  return typeof value === 'object' && value !== null && 'builderId' in value && 'id' in value;
}
