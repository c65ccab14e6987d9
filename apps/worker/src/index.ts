export * from './activities/index.ts';
export { createKilnWorker, type KilnWorkerOptions } from './worker.ts';
export { WORKFLOWS_PATH } from './workflows-path.ts';
export type { ImageBuildWorkflowResult } from './workflows/image-build.ts';
