import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq, versions } from '@kiln/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readRegistry,
  readRun,
  setupWorkerTest,
  startRun,
  waitFor,
  type WorkerTestEnv,
} from '../test/harness.ts';
import { startWorkerProcess, type WorkerProcess, waitUntilRunning } from '../test/worker-process.ts';
import type { ImageBuildWorkflowResult } from './workflows/image-build.ts';

const DURABLE_TEMPLATE = `
data "null" "third" {
  input = "third"
}

source "file" "durable" {
  content = "durable"
  target  = "durable.txt"
}

build {
  name    = "durable"
  sources = ["source.file.durable"]

  provisioner "shell-local" {
    inline = ["echo first >> markers.txt"]
  }

  provisioner "shell-local" {
    inline = ["echo sleeping", "sleep 6", "echo second >> markers.txt"]
  }

  provisioner "shell-local" {
    inline = ["echo \${data.null.third.output} >> markers.txt"]
  }

  hcp_packer_registry {
    bucket_name = "durable"
  }
}
`;

const SLEEPING_STEP = 2;

let env: WorkerTestEnv;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  env = await setupWorkerTest();
});
afterAll(async () => {
  for (const worker of workers) {
    if (worker.child.exitCode === null && worker.child.signalCode === null) {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
  }
  await env?.close();
});

function workerEnv(): Record<string, string> {
  return {
    DATABASE_URL: env.databaseUrl,
    TEMPORAL_ADDRESS: env.temporal.address,
    TEMPORAL_NAMESPACE: env.temporal.namespace,
    KILN_WORK_ROOT: env.workRoot,
    KILN_SEALING_KEY: env.sealingKey,
    LOG_LEVEL: 'info',
  };
}

describe('durability', () => {
  it('finishes a run whose worker was killed mid-step, re-running only the interrupted step, with the data sources read before the kill', async () => {
    const first = startWorkerProcess(workerEnv());
    workers.push(first);
    await waitUntilRunning(first);

    const run = await startRun(env, { name: 'durable', content: DURABLE_TEMPLATE });
    await waitFor('the sleeping step to start', async () => {
      const { steps, lines } = await readRun(env.db, run.id);
      const sleeping = steps.find((s) => s.stepIndex === SLEEPING_STEP);
      return sleeping?.status === 'running' && lines.some((l) => l.text === 'sleeping');
    });

    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const markers = path.join(env.workRoot, run.id, 'markers.txt');

    const second = startWorkerProcess(workerEnv());
    workers.push(second);
    await waitUntilRunning(second);
    const result: ImageBuildWorkflowResult = await run.handle.result();
    expect(result, second.output()).toEqual({
      status: 'succeeded',
      builds: [{ name: 'durable.file.durable', status: 'succeeded' }],
    });

    const { run: row, steps } = await readRun(env.db, run.id);
    expect(row.status).toBe('succeeded');
    expect(steps.map((s) => [s.stepIndex, s.completions])).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
    ]);
    expect(steps.find((s) => s.stepIndex === SLEEPING_STEP)?.attempts).toBe(2);
    expect(steps.filter((s) => s.stepIndex !== SLEEPING_STEP).map((s) => s.attempts)).toEqual([1, 1, 1, 1]);
    expect((await readFile(markers, 'utf8')).trim().split('\n')).toEqual(['first', 'second', 'third']);

    const registry = await readRegistry(env.db, 'durable');
    const forRun = await env.db.select().from(versions).where(eq(versions.fingerprint, row.fingerprint));
    expect(forRun).toHaveLength(1);
    expect(registry.versions).toMatchObject([{ name: 'v1', status: 'active', fingerprint: row.fingerprint }]);
    expect(registry.builds).toMatchObject([{ status: 'done' }]);

    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });
});
