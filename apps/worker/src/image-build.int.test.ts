import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readRegistry,
  readRun,
  replayAndRecord,
  setupWorkerTest,
  startInProcessWorker,
  startRun,
  waitFor,
  type WorkerTestEnv,
} from '../test/harness.ts';
import type { ImageBuildWorkflowResult } from './workflows/image-build.ts';

let env: WorkerTestEnv;
let worker: Awaited<ReturnType<typeof startInProcessWorker>>;

beforeAll(async () => {
  env = await setupWorkerTest();
  worker = await startInProcessWorker(env);
});
afterAll(async () => {
  await worker?.stop();
  await env?.close();
});

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

describe('imageBuildWorkflow on the Temporal dev server', () => {
  it('runs the demo template end to end and completes its registry version', async () => {
    const run = await startRun(env, { name: 'hello' });
    const result: ImageBuildWorkflowResult = await run.handle.result();
    expect(result).toEqual({
      status: 'succeeded',
      builds: [{ name: 'demo.file.hello', status: 'succeeded' }],
    });

    const { run: row, steps, lines } = await readRun(env.db, run.id);
    expect(row.status).toBe('succeeded');
    expect(row.finishedAt).not.toBeNull();
    expect(steps.map((s) => [s.stepIndex, s.kind, s.status, s.completions])).toEqual([
      [0, 'builder', 'cleaned-up', 1],
      [1, 'provisioner', 'completed', 1],
      [2, 'builder', 'cleaned-up', 1],
    ]);
    const texts = lines.map((l) => l.text);
    expect(texts).toEqual(expect.arrayContaining(['building hello', 'done', 'Build run succeeded']));
    expect(texts.indexOf('building hello')).toBeLessThan(texts.indexOf('done'));
    expect(lines.find((l) => l.text === 'building hello')).toMatchObject({
      buildName: 'demo.file.hello',
      stream: 'stdout',
    });

    const target = path.join(env.workRoot, run.id, 'hello.txt');
    expect(await readFile(target, 'utf8')).toBe('hello from kiln');

    const registry = await readRegistry(env.db, 'demo');
    expect(registry.versions).toHaveLength(1);
    const [version] = registry.versions;
    expect(version).toMatchObject({
      name: 'v1',
      status: 'active',
      fingerprint: row.fingerprint,
      buildRunId: run.id,
    });
    expect(registry.builds).toMatchObject([
      { componentType: 'file.hello', status: 'done', versionId: version!.id },
    ]);
    expect(registry.artifacts).toMatchObject([{ region: 'local', externalIdentifier: target }]);
    expect(registry.channels.find((c) => c.name === 'latest')?.versionId).toBe(version!.id);

    // The histories replay against the current workflow code; KILN_RECORD_HISTORIES=1 refreshes the committed ones.
    await replayAndRecord(env, run, ['demo.file.hello'], 'image-build-demo');
  });

  it('fails the run when a provisioner fails, cleans up, and leaves the version incomplete', async () => {
    const run = await startRun(env, {
      name: 'failing',
      content: `
source "file" "broken" {
  content = "will be removed"
  target  = "out/broken.txt"
}

build {
  name    = "failing"
  sources = ["source.file.broken"]

  provisioner "shell-local" {
    inline = ["echo about to fail", "exit 3"]
  }

  hcp_packer_registry {
    bucket_name = "failing"
  }
}
`,
    });
    const result: ImageBuildWorkflowResult = await run.handle.result();
    expect(result).toMatchObject({
      status: 'failed',
      failureClass: 'provisioner-failed',
      error:
        'build "failing.file.broken": the shell-local provisioner failed: Script exited with non-zero exit status: 3. Allowed exit codes are: [0]',
    });

    const { run: row, steps, lines } = await readRun(env.db, run.id);
    expect(row).toMatchObject({ status: 'failed', failureClass: 'provisioner-failed' });
    expect(row.error).toContain('Script exited with non-zero exit status: 3');
    expect(steps.map((s) => [s.stepIndex, s.status, s.attempts, s.completions])).toEqual([
      [0, 'cleaned-up', 1, 1],
      [1, 'failed', 1, 0],
      [2, 'pending', 0, 0],
    ]);
    expect(lines.map((l) => l.text)).toContain('about to fail');
    expect(await exists(path.join(env.workRoot, run.id, 'out'))).toBe(false);

    const registry = await readRegistry(env.db, 'failing');
    expect(registry.versions).toHaveLength(1);
    expect(registry.versions[0]?.status).not.toBe('active');
    expect(registry.versions[0]?.name).toBe('v0');
    expect(registry.builds).toMatchObject([{ status: 'failed' }]);
    expect(registry.artifacts).toEqual([]);
    expect(registry.channels.find((c) => c.name === 'latest')?.versionId ?? null).toBeNull();
    await replayAndRecord(env, run, ['failing.file.broken'], 'image-build-failed');
  });

  it('cancels a running build: the step stops, cleanup runs and the run is cancelled', async () => {
    const run = await startRun(env, {
      name: 'long',
      content: `
source "file" "long" {
  content = "x"
  target  = "long.txt"
}

build {
  name    = "long"
  sources = ["source.file.long"]

  provisioner "shell-local" {
    inline = ["echo sleeping", "sleep 30", "echo woke"]
  }
}
`,
    });
    await waitFor('the sleeping step to start', async () => {
      const { lines } = await readRun(env.db, run.id);
      return lines.some((l) => l.text === 'sleeping');
    });
    const cancelledAt = Date.now();
    await run.handle.cancel();
    const ended = await run.handle.result().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(Date.now() - cancelledAt).toBeLessThan(10_000);
    expect(ended).toBeInstanceOf(WorkflowFailedError);
    expect((ended as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    expect((await run.handle.describe()).status.name).toBe('CANCELLED');

    const { run: row, steps, lines } = await readRun(env.db, run.id);
    expect(row.status).toBe('cancelled');
    expect(steps.map((s) => [s.stepIndex, s.status])).toEqual([
      [0, 'cleaned-up'],
      [1, 'failed'],
      [2, 'pending'],
    ]);
    expect(lines.map((l) => l.text)).not.toContain('woke');
    expect(await exists(path.join(env.workRoot, run.id, 'long.txt'))).toBe(false);
    await replayAndRecord(env, run, ['long.file.long'], 'image-build-cancelled');
  });

  it("runs a null source: provisioners only, and registers Packer's Null artifact as HCP Packer does", async () => {
    const run = await startRun(env, {
      name: 'nothing',
      content: `
source "null" "nothing" {
  communicator = "none"
}

build {
  name    = "nothing"
  sources = ["source.null.nothing"]

  provisioner "shell-local" {
    inline = ["echo $PACKER_BUILD_NAME $PACKER_BUILDER_TYPE $PACKER_RUN_UUID"]
  }
}
`,
    });
    const result: ImageBuildWorkflowResult = await run.handle.result();
    expect(result).toEqual({
      status: 'succeeded',
      builds: [{ name: 'nothing.null.nothing', status: 'succeeded' }],
    });

    const { steps, lines } = await readRun(env.db, run.id);
    expect(steps.map((s) => [s.kind, s.status])).toEqual([
      ['provisioner', 'completed'],
      ['builder', 'cleaned-up'],
    ]);
    expect(lines.map((l) => l.text)).toContain(`nothing null ${run.id}`);

    const registry = await readRegistry(env.db, 'nothing');
    expect(registry.versions).toMatchObject([{ name: 'v1', status: 'active' }]);
    expect(registry.builds).toMatchObject([
      { componentType: 'null.nothing', status: 'done', platform: 'null' },
    ]);
    expect(registry.artifacts).toMatchObject([{ externalIdentifier: 'Null', region: 'null' }]);
  });
});
