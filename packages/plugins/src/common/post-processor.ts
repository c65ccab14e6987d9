import type {
  ArtifactData,
  BuildState,
  PostProcessorPlugin,
  PostProcessorResult,
  RunContext,
} from '@kiln/engine';
