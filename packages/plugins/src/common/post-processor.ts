import type {
  ArtifactData,
  BuildState,
  PostProcessorPlugin,
  PostProcessorResult,
  RunContext,
} from '@kiln/engine';

/**
 * A post-processor that also reads the build's state when the engine hands it over: Packer gives its
 * post-processors the builder's generated data (`PackerRunUUID`, `PackerHTTPAddr`, ...) through the
 * artifact. Without it, those values are taken as empty, as Packer does when a builder made none.
 */
export interface StatefulPostProcessor<C> extends PostProcessorPlugin<C> {
  postProcess(
    config: C,
    artifact: ArtifactData,
    ctx: RunContext,
    state?: BuildState,
  ): Promise<PostProcessorResult>;
}

/** The builder's generated values from the state a post-processor was handed, if any. */
export function generatedOf(state: BuildState | undefined): Record<string, string> {
  return state?.generated ?? {};
}
