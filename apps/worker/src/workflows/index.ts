export {
  type ImageBuildWorkflowInput,
  type ImageBuildWorkflowResult,
  imageBuildWorkflow,
} from './image-build.ts';
