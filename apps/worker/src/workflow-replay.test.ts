import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOWS_PATH } from './workflows-path.ts';

const HISTORIES = fileURLToPath(new URL('../test/histories/', import.meta.url));
const histories = readdirSync(HISTORIES).filter((file) => file.endsWith('.json'));

let workflowBundle: Awaited<ReturnType<typeof bundleWorkflowCode>>;
beforeAll(async () => {
  workflowBundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: silentLogger() });
});

describe('committed workflow histories replay against the current code', () => {
  it('has histories to replay', () => {
    expect(histories.length).toBeGreaterThan(0);
  });

  it.each(histories)('%s', async (file) => {
    const history = JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8'));
    await expect(
      Worker.runReplayHistory({ workflowBundle }, history, `replay-${file}`),
    ).resolves.toBeUndefined();
  });
});

function silentLogger() {
  const ignore = () => {};
  return { log: ignore, trace: ignore, debug: ignore, info: ignore, warn: ignore, error: ignore };
}
