import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { createSealer, startBuildRun } from '@kiln/api';
import type { BuildWorkflowStarter } from '@kiln/api/temporal';
import { emptyBuildState, type StepResult } from '@kiln/engine';
import { createPluginRegistry, createProcessGroupExecutor } from '@kiln/plugins';
import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRun, setupWorkerTest, waitFor, type WorkerTestEnv } from '../../test/harness.ts';
import { createTemplateForTest } from '../../test/templates.ts';
import { createBuildActivities } from './build-activities.ts';

const TEMPLATE = `
source "file" "slow" {
  content = "slow"
  target  = "slow.txt"
}

build {
  name    = "slow"
  sources = ["source.file.slow"]

  provisioner "shell-local" {
    inline = ["echo sleeping", "sleep 30"]
  }
}
`;

/** Records the run without starting a workflow: these tests drive the activities themselves. */
const notStarted: BuildWorkflowStarter = {
  startImageBuild: async (input) => ({ workflowId: `not-started:${input.buildRunId}` }),
};

let env: WorkerTestEnv;
beforeAll(async () => {
  env = await setupWorkerTest();
  await createTemplateForTest(env, 'slow', TEMPLATE);
});
afterAll(async () => {
  await env?.close();
});

function activities() {
  return createBuildActivities({
    db: env.db,
    plugins: createPluginRegistry(),
    logger: pino({ level: 'silent' }),
    workRoot: env.workRoot,
    heartbeatIntervalMs: 100,
    logFlushIntervalMs: 100,
    local: createProcessGroupExecutor(),
    sealer: createSealer(randomBytes(32)),
  });
}

describe('build activities', () => {
  it('prepare, run with heartbeats and streamed output, stop on cancel, clean up', async () => {
    const acts = activities();
    const { id: buildRunId } = await startBuildRun(
      env.db,
      env.actor,
      { org: 'demo', project: 'default', template: 'slow' },
      { buildStarter: notStarted, sealer: env.sealer },
    );

    const prepared = await new MockActivityEnvironment().run(acts.prepareBuildRun, { buildRunId });
    expect(prepared).toEqual({
      builds: [
        {
          name: 'slow.file.slow',
          bucketName: 'slow',
          componentType: 'file.slow',
          steps: [
            { index: 0, name: expect.any(String), kind: 'builder' },
            { index: 1, name: expect.any(String), kind: 'provisioner' },
            { index: 2, name: expect.any(String), kind: 'builder' },
          ],
        },
      ],
      options: { parallelBuilds: 0, failFast: false, onError: 'cleanup', keepOnErrorSeconds: 3600 },
    });
    expect((await readRun(env.db, buildRunId)).run.status).toBe('running');

    const buildName = 'slow.file.slow';
    const written: StepResult = await new MockActivityEnvironment().run(acts.runBuildStep, {
      buildRunId,
      buildName,
      stepIndex: 0,
      state: emptyBuildState(),
    });
    expect(written.action).toBe('continue');
    const target = path.join(env.workRoot, buildRunId, 'slow.txt');
    expect((await stat(target)).isFile()).toBe(true);

    const sleeping = new MockActivityEnvironment();
    let heartbeats = 0;
    sleeping.on('heartbeat', () => {
      heartbeats++;
    });
    const running: Promise<StepResult> = sleeping.run(acts.runBuildStep, {
      buildRunId,
      buildName,
      stepIndex: 1,
      state: written.state,
    });
    await waitFor('the step output to reach the database while the step runs', async () => {
      const { lines } = await readRun(env.db, buildRunId);
      return lines.some((l) => l.text === 'sleeping' && l.buildName === buildName && l.stream === 'stdout');
    });
    await waitFor('heartbeats', async () => heartbeats >= 3);

    const cancelledAt = Date.now();
    sleeping.cancel();
    const stopped: StepResult = await running;
    expect(Date.now() - cancelledAt).toBeLessThan(1000);
    expect(stopped).toEqual({
      action: 'halt',
      state: written.state,
      error: { class: 'cancelled', message: expect.stringContaining('cancelled') },
    });

    await new MockActivityEnvironment().run(acts.cleanupBuildStep, {
      buildRunId,
      buildName,
      stepIndex: 0,
      state: stopped.state,
      outcome: 'cancelled' as const,
    });
    await expect(stat(target)).rejects.toThrow(/ENOENT/);

    const { steps } = await readRun(env.db, buildRunId);
    expect(steps.map((s) => [s.stepIndex, s.status, s.attempts, s.completions])).toEqual([
      [0, 'cleaned-up', 1, 1],
      [1, 'failed', 1, 0],
      [2, 'pending', 0, 0],
    ]);
  });

  it('refuses a step that the template does not have, without retrying', async () => {
    const acts = activities();
    const { id: buildRunId } = await startBuildRun(
      env.db,
      env.actor,
      { org: 'demo', project: 'default', template: 'slow' },
      { buildStarter: notStarted, sealer: env.sealer },
    );
    await new MockActivityEnvironment().run(acts.prepareBuildRun, { buildRunId });
    const run = new MockActivityEnvironment().run(acts.runBuildStep, {
      buildRunId,
      buildName: 'slow.file.slow',
      stepIndex: 7,
      state: emptyBuildState(),
    });
    await expect(run).rejects.toMatchObject({
      type: 'internal',
      message: `build run ${buildRunId}: no step 7 in build "slow.file.slow" (builds: slow.file.slow with 3 steps)`,
    });
  });
});
