export { type BuildWorkflowInput, type BuildWorkflowResult, buildWorkflow } from './build.ts';
export {
  type ImageBuildWorkflowInput,
  type ImageBuildWorkflowResult,
  imageBuildWorkflow,
} from './image-build.ts';
export {
  type ResourceSweeperInput,
  type ResourceSweeperResult,
  resourceSweeperWorkflow,
} from './resource-sweeper.ts';
