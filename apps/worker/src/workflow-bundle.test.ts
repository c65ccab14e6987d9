import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { WORKFLOWS_PATH } from './workflows-path.ts';

describe('workflow bundle', () => {
  it('bundles the workflows with no Node built-ins', async () => {
    const warnings: string[] = [];
    const bundle = await bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      logger: {
        log: () => {},
        trace: () => {},
        debug: () => {},
        info: () => {},
        warn: (message) => warnings.push(message),
        error: (message) => warnings.push(message),
      },
    });
    expect(bundle.code).toContain('imageBuildWorkflow');
    expect(warnings).toEqual([]);
  });
});
