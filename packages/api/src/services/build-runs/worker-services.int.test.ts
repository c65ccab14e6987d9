import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KilnError } from '../../errors.ts';
import { DEMO, seedDemoWithOwner } from '../../test-support/fixtures.ts';
import { RecordingBuildStarter, testSealer } from '../../test-support/recording-build-starter.ts';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../test-support/test-database.ts';
import { DEMO_TEMPLATE } from '../demo/demo-template.ts';
import { appendBuildLogLines } from './append-build-log-lines.ts';
import { finishBuildRun } from './finish-build-run.ts';
import { getBuildRun } from './get-build-run.ts';
import { listBuildLogLines } from './list-build-log-lines.ts';
import { loadBuildRunForExecution } from './load-build-run-for-execution.ts';
import { markBuildRunRunning } from './mark-build-run-running.ts';
import { recordBuildStepEvent } from './record-build-step-event.ts';
import { startBuildRun } from './start-build-run.ts';

const plannedBuilds = [
  {
    name: 'demo.file.hello',
    steps: [
      { index: 0, name: 'file', kind: 'builder' },
      { index: 1, name: 'shell-local', kind: 'provisioner' },
    ],
  },
];

describe('worker-facing build run services', () => {
  let t: MigratedTestDatabase;
  let seeded: Awaited<ReturnType<typeof seedDemoWithOwner>>;
  let runId: string;
  const starter = new RecordingBuildStarter();

  beforeAll(async () => {
    t = await createMigratedTestDatabase();
    seeded = await seedDemoWithOwner(t.db);
    runId = (
      await startBuildRun(
        t.db,
        seeded.owner,
        { ...DEMO, template: 'hello' },
        { buildStarter: starter, sealer: testSealer },
      )
    ).id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('starts the workflow with ids only and a fingerprint derived from the run id', async () => {
    expect(starter.started).toEqual([{ buildRunId: runId, organizationId: seeded.organizationId }]);
    const run = await getBuildRun(t.db, seeded.owner, { ...DEMO, id: runId });
    expect(run.status).toBe('queued');
    expect(run.fingerprint).toBe(runId.toLowerCase());
    expect(run.workflowId).toBe(`build-run:${seeded.organizationId}:${runId}`);
  });

  it('loads the run, its revision and template for execution', async () => {
    const loaded = await loadBuildRunForExecution(t.db, { buildRunId: runId });
    expect(loaded).toEqual({
      run: {
        id: runId,
        organizationId: seeded.organizationId,
        projectId: seeded.projectId,
        templateId: seeded.templateId,
        status: 'queued',
        fingerprint: runId.toLowerCase(),
        options: {},
      },
      revision: { id: expect.any(String), filename: 'demo.pkr.hcl', content: DEMO_TEMPLATE },
      template: { id: seeded.templateId, name: 'hello' },
    });
  });

  it('refuses to load an unknown run with NOT_FOUND', async () => {
    await expect(
      loadBuildRunForExecution(t.db, { buildRunId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'build run 01ARZ3NDEKTSV4RRFFQ69G5FAV was not found',
    });
  });

  it('marks the run running once and records its steps idempotently', async () => {
    await markBuildRunRunning(t.db, { buildRunId: runId, builds: plannedBuilds });
    await markBuildRunRunning(t.db, { buildRunId: runId, builds: plannedBuilds });
    const run = await getBuildRun(t.db, seeded.owner, { ...DEMO, id: runId });
    expect(run.status).toBe('running');
    expect(run.startedAt).toBeInstanceOf(Date);
    expect(run.steps.map((s) => [s.buildName, s.stepIndex, s.stepName, s.kind, s.status])).toEqual([
      ['demo.file.hello', 0, 'file', 'builder', 'pending'],
      ['demo.file.hello', 1, 'shell-local', 'provisioner', 'pending'],
    ]);
    const started = await t.sql("select * from audit_events where action = 'build-run.started'");
    expect(started).toHaveLength(1);
  });

  it('counts attempts on started and completions on completed', async () => {
    const step = { buildRunId: runId, buildName: 'demo.file.hello', stepIndex: 0 };
    await recordBuildStepEvent(t.db, { ...step, event: 'started' });
    await recordBuildStepEvent(t.db, { ...step, event: 'failed', message: 'worker lost' });
    await recordBuildStepEvent(t.db, { ...step, event: 'started' });
    await recordBuildStepEvent(t.db, { ...step, event: 'completed' });
    const run = await getBuildRun(t.db, seeded.owner, { ...DEMO, id: runId });
    expect(run.steps[0]).toMatchObject({ status: 'completed', attempts: 2, completions: 1 });
    expect(run.steps[1]).toMatchObject({ status: 'pending', attempts: 0, completions: 0 });
  });

  it('refuses an event for a step that was never planned', async () => {
    const error = await recordBuildStepEvent(t.db, {
      buildRunId: runId,
      buildName: 'demo.file.hello',
      stepIndex: 7,
      event: 'started',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KilnError);
    expect((error as KilnError).message).toContain('step 7 of build "demo.file.hello"');
  });

  it('assigns unique, gap-free log sequence numbers under concurrent appends', async () => {
    const batches = Array.from({ length: 12 }, (_, b) =>
      Array.from({ length: 5 }, (_, i) => ({
        buildName: b % 2 === 0 ? 'demo.file.hello' : null,
        stream: 'stdout' as const,
        text: `batch ${b} line ${i}`,
      })),
    );
    await Promise.all(batches.map((lines) => appendBuildLogLines(t.db, { buildRunId: runId, lines })));
    const rows = await t.sql<{ seq: string; text: string }>(
      'select seq, text from build_log_lines where build_run_id = $1 order by seq',
      [runId],
    );
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    // Each batch's lines stay contiguous and in order.
    for (let b = 0; b < 12; b++) {
      const seqs = rows.filter((r) => r.text.startsWith(`batch ${b} `)).map((r) => Number(r.seq));
      expect(seqs).toEqual(Array.from({ length: 5 }, (_, i) => seqs[0]! + i));
    }
  });

  it('pages log lines after a sequence number', async () => {
    const page = await listBuildLogLines(t.db, seeded.owner, {
      ...DEMO,
      buildRunId: runId,
      afterSeq: 55,
      limit: 3,
    });
    expect(page.lines.map((l) => l.seq)).toEqual([56, 57, 58]);
    expect(page.lastSeq).toBe(58);
  });

  it('finishes the run once; a later outcome does not overwrite the first', async () => {
    await finishBuildRun(t.db, {
      buildRunId: runId,
      status: 'failed',
      failureClass: 'provisioner-failed',
      error: 'exit 1',
    });
    await finishBuildRun(t.db, { buildRunId: runId, status: 'succeeded' });
    const run = await getBuildRun(t.db, seeded.owner, { ...DEMO, id: runId });
    expect(run).toMatchObject({ status: 'failed', failureClass: 'provisioner-failed', error: 'exit 1' });
    expect(run.finishedAt).toBeInstanceOf(Date);
    expect(
      await t.sql(
        "select * from audit_events where action in ('build-run.succeeded', 'build-run.failed', 'build-run.cancelled')",
      ),
    ).toHaveLength(1);
  });

  it('refuses to mark a finished run running', async () => {
    await expect(
      markBuildRunRunning(t.db, { buildRunId: runId, builds: plannedBuilds }),
    ).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
  });
});
