import { stat } from 'node:fs/promises';
import path from 'node:path';
import { cancelBuildRun, resumeBuild } from '@kiln/api';
import { createTemporalBuildStarter, type TemporalBuildStarter } from '@kiln/api/temporal';
import { auditEvents, buildRunSecrets, eq } from '@kiln/db';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
let control: TemporalBuildStarter;
const DEMO = { org: 'demo', project: 'default' };

beforeAll(async () => {
  env = await setupWorkerTest();
  worker = await startInProcessWorker(env);
  control = createTemporalBuildStarter(env.temporal);
});
afterAll(async () => {
  await control?.close();
  await worker?.stop();
  await env?.close();
});

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** A file source per name, each with its own shell-local commands, all in one build block. */
function builds(name: string, sources: Record<string, string[]>, extra = ''): string {
  return `${Object.keys(sources)
    .map((s) => `source "file" "${s}" {\n  content = "${s}"\n  target  = "${s}.txt"\n}\n`)
    .join('\n')}
build {
  name    = "${name}"
  sources = [${Object.keys(sources)
    .map((s) => `"source.file.${s}"`)
    .join(', ')}]

${Object.entries(sources)
  .map(
    ([s, commands]) =>
      `  provisioner "shell-local" {\n    only   = ["file.${s}"]\n    inline = ${JSON.stringify(commands)}\n  }\n`,
  )
  .join('\n')}
${extra}
}
`;
}

describe('run control: breakpoints, cancel, fail-fast, parallel builds, deadline, on-error, -var', () => {
  it('pauses at a breakpoint until resumed, then finishes the build', async () => {
    const run = await startRun(env, {
      name: 'paused',
      content: `
source "file" "p" {
  content = "p"
  target  = "p.txt"
}
build {
  name    = "paused"
  sources = ["source.file.p"]
  provisioner "breakpoint" {
    note = "look at p.txt"
  }
  provisioner "shell-local" {
    inline = ["echo after the breakpoint"]
  }
}
`,
    });
    const paused = await waitFor('the build to stop at its breakpoint', async () => {
      const { steps } = await readRun(env.db, run.id);
      return steps.find((s) => s.status === 'paused');
    });
    expect(paused).toMatchObject({ buildName: 'paused.file.p', stepIndex: 1, message: 'look at p.txt' });
    expect((await readRun(env.db, run.id)).lines.map((l) => l.text)).not.toContain('after the breakpoint');
    await expect(
      resumeBuild(env.db, env.actor, { ...DEMO, id: run.id, build: 'paused.file.nope' }, { control }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await resumeBuild(env.db, env.actor, { ...DEMO, id: run.id, build: 'paused.file.p' }, { control });
    const result: ImageBuildWorkflowResult = await run.handle.result();
    expect(result.status).toBe('succeeded');
    const { steps, lines } = await readRun(env.db, run.id);
    expect(steps.map((s) => s.status)).toEqual(['cleaned-up', 'completed', 'completed', 'cleaned-up']);
    const texts = lines.map((l) => l.text);
    expect(texts.indexOf('Resumed')).toBeGreaterThan(
      texts.findIndex((t) => t.startsWith('Paused at a breakpoint')),
    );
    expect(texts.indexOf('after the breakpoint')).toBeGreaterThan(texts.indexOf('Resumed'));
    await expect(
      resumeBuild(env.db, env.actor, { ...DEMO, id: run.id, build: 'paused.file.p' }, { control }),
    ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await replayAndRecord(env, run, ['paused.file.p'], 'image-build-breakpoint');
  });

  it('cancels a run through the service: every build cleans up and the run ends cancelled', async () => {
    const run = await startRun(env, {
      name: 'to-cancel',
      content: builds('to-cancel', {
        a: ['echo a-sleeping', 'sleep 30'],
        b: ['echo b-sleeping', 'sleep 30'],
      }),
    });
    await waitFor('both builds to sleep', async () => {
      const texts = (await readRun(env.db, run.id)).lines.map((l) => l.text);
      return texts.includes('a-sleeping') && texts.includes('b-sleeping');
    });
    const started = Date.now();
    await cancelBuildRun(env.db, env.actor, { ...DEMO, id: run.id }, { control });
    await run.handle.result().catch(() => undefined);
    expect(Date.now() - started).toBeLessThan(15_000);
    const { run: row } = await readRun(env.db, run.id);
    expect(row.status).toBe('cancelled');
    for (const s of ['a', 'b']) expect(await exists(path.join(env.workRoot, run.id, `${s}.txt`))).toBe(false);
    await expect(
      cancelBuildRun(env.db, env.actor, { ...DEMO, id: run.id }, { control }),
    ).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    const audit = await env.db.select().from(auditEvents).where(eq(auditEvents.targetId, run.id));
    expect(audit.map((a) => a.action)).toContain('build-run.cancel-requested');
  });

  it('fail-fast: a failed build cancels its siblings, and the run fails with its error', async () => {
    const started = Date.now();
    const run = await startRun(
      env,
      {
        name: 'fail-fast',
        content: builds('fail-fast', {
          bad: ['sleep 1', 'exit 7'],
          slow1: ['echo slow1', 'sleep 30', 'echo slow1-done'],
          slow2: ['echo slow2', 'sleep 30', 'echo slow2-done'],
        }),
      },
      { failFast: true },
    );
    const result: ImageBuildWorkflowResult = await run.handle.result();
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.status).toBe('failed');
    expect(result.error).toContain('build "fail-fast.file.bad"');
    expect(Object.fromEntries(result.builds.map((b) => [b.name, b.status]))).toEqual({
      'fail-fast.file.bad': 'failed',
      'fail-fast.file.slow1': 'cancelled',
      'fail-fast.file.slow2': 'cancelled',
    });
    const texts = (await readRun(env.db, run.id)).lines.map((l) => l.text);
    expect(texts).not.toContain('slow1-done');
    for (const s of ['bad', 'slow1', 'slow2'])
      expect(await exists(path.join(env.workRoot, run.id, `${s}.txt`))).toBe(false);
  });

  it('runs at most parallelBuilds builds at once', async () => {
    const run = await startRun(
      env,
      {
        name: 'one-at-a-time',
        content: builds('one-at-a-time', { x: ['sleep 1'], y: ['sleep 1'], z: ['sleep 1'] }),
      },
      { parallelBuilds: 1 },
    );
    expect((await run.handle.result()).status).toBe('succeeded');
    const { steps } = await readRun(env.db, run.id);
    const spans = ['x', 'y', 'z'].map((s) => {
      const own = steps.filter((step) => step.buildName === `one-at-a-time.file.${s}`);
      return {
        from: Math.min(...own.map((step) => step.startedAt!.getTime())),
        to: Math.max(...own.map((step) => (step.finishedAt ?? step.startedAt)!.getTime())),
      };
    });
    spans.sort((a, b) => a.from - b.from);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.from).toBeGreaterThanOrEqual(spans[i - 1]!.to);
  });

  it('stops a run at its deadline as timed out, cleaning up', async () => {
    const run = await startRun(
      env,
      { name: 'deadline', content: builds('deadline', { late: ['echo waiting', 'sleep 60', 'echo never'] }) },
      { deadlineSeconds: 2 },
    );
    const result: ImageBuildWorkflowResult = await run.handle.result();
    expect(result).toMatchObject({ status: 'failed', failureClass: 'timed-out' });
    expect(result.error).toContain('deadline of 2 s');
    const { run: row, lines } = await readRun(env.db, run.id);
    expect(row).toMatchObject({ status: 'failed', failureClass: 'timed-out' });
    expect(lines.map((l) => l.text)).not.toContain('never');
    expect(await exists(path.join(env.workRoot, run.id, 'late.txt'))).toBe(false);
  });

  it('on-error abort keeps the failed build as it was, skips the error-cleanup-provisioner, and cleans up when the run is cancelled', async () => {
    const run = await startRun(
      env,
      {
        name: 'abort',
        content: builds(
          'abort',
          { kept: ['exit 4'] },
          '  error-cleanup-provisioner "shell-local" {\n    inline = ["echo rescue"]\n  }\n',
        ),
      },
      { onError: 'abort' },
    );
    const target = path.join(env.workRoot, run.id, 'kept.txt');
    await waitFor(
      'the run to be recorded as failed',
      async () => (await readRun(env.db, run.id)).run.status === 'failed',
    );
    const { lines, steps } = await readRun(env.db, run.id);
    const texts = lines.map((l) => l.text);
    expect(texts).not.toContain('rescue');
    expect(texts.some((t) => t.includes('kept for 3600 s'))).toBe(true);
    expect(steps.find((s) => s.stepIndex === 0)?.status).toBe('completed');
    expect(await exists(target)).toBe(true);
    expect((await run.handle.describe()).status.name).toBe('RUNNING');

    await run.handle.cancel();
    await waitFor('the kept build to be cleaned up', async () => !(await exists(target)));
    await run.handle.result().catch(() => undefined);
    expect((await readRun(env.db, run.id)).steps.find((s) => s.stepIndex === 0)?.status).toBe('cleaned-up');
  });

  it('seals -var values: the build uses them, and they reach no history, row, audit event or log', async () => {
    const secret = 'sekret-value-4f9d2c';
    const run = await startRun(
      env,
      {
        name: 'with-vars',
        content: `
variable "greeting" {
  type      = string
  sensitive = true
}
source "file" "v" {
  content = var.greeting
  target  = "v.txt"
}
build {
  name    = "with-vars"
  sources = ["source.file.v"]
  provisioner "shell-local" {
    inline = ["echo plain \${var.greeting}", "printf %s \${var.greeting} | base64"]
  }
}
`,
      },
      { variables: { greeting: secret } },
    );
    const sealed = await env.db.select().from(buildRunSecrets).where(eq(buildRunSecrets.buildRunId, run.id));
    expect(sealed).toHaveLength(1);
    expect(sealed[0]!.sealed).not.toContain(secret);
    expect((await run.handle.result()).status).toBe('succeeded');
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(path.join(env.workRoot, run.id, 'v.txt'), 'utf8')).toBe(secret);

    for (const id of [run.workflowId, `${run.workflowId}:with-vars.file.v`]) {
      expect(historyToJSON(await env.client.workflow.getHandle(id).fetchHistory())).not.toContain(secret);
    }
    const { run: row, lines } = await readRun(env.db, run.id);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.options).toEqual({ variableNames: ['greeting'] });
    const output = lines.map((l) => l.text);
    expect(output.join('\n')).not.toContain(secret);
    expect(output.join('\n')).not.toContain(Buffer.from(secret).toString('base64'));
    expect(output).toEqual(expect.arrayContaining(['plain <sensitive>', '<sensitive>']));
    const audit = await env.db.select().from(auditEvents).where(eq(auditEvents.targetId, run.id));
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect(await env.db.select().from(buildRunSecrets).where(eq(buildRunSecrets.buildRunId, run.id))).toEqual(
      [],
    );
  });
});
