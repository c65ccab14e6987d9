import { fileURLToPath } from 'node:url';

/** The module that exports every workflow, for `workflowsPath` and `bundleWorkflowCode`. */
export const WORKFLOWS_PATH = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));
