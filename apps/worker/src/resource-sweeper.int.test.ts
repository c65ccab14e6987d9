import { openBuildLedger, type SweepReport } from '@kiln/api';
import { buildResources, eq } from '@kiln/db';
import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupWorkerTest, startInProcessWorker, startRun, type WorkerTestEnv } from '../test/harness.ts';
import { createSweeperActivities } from './activities/sweeper-activities.ts';
import type { ResourceSweeperResult } from './workflows/resource-sweeper.ts';

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

/** A run that ended with resources still in its ledger, as a worker that died mid-step leaves them. */
async function endedRunWithLeftovers(): Promise<string> {
  const run = await startRun(env, { name: 'hello' });
  await run.handle.result();
  const ledger = await openBuildLedger(env.db, {
    buildRunId: run.id,
    buildName: 'demo.file.hello',
    stepIndex: 0,
  });
  await ledger.intend({
    key: 'script',
    kind: 'remote-file',
    provider: 'ssh',
    description: 'a script',
    data: { address: 'ci@host:22', path: '/tmp/s.sh' },
  });
  await ledger.created('script', '/tmp/s.sh');
  await ledger.intend({ key: 'gone', kind: 'test-thing', provider: 'local', description: 'reapable' });
  return run.id;
}

describe('resource sweeper', () => {
  it('reaps what an ended run left: removed by its reaper, or orphaned with why and how to remove it', async () => {
    const id = await endedRunWithLeftovers();
    const reaped: string[] = [];
    const activities = createSweeperActivities({
      db: env.db,
      logger: pino({ level: 'silent' }),
      reapers: {
        'test-thing': async (entry) => {
          reaped.push(entry.key);
        },
      },
    });
    const report: SweepReport = await new MockActivityEnvironment().run(activities.sweepBuildResources, {
      limit: 100,
    });
    expect(report.deleted).toBe(1);
    expect(reaped).toEqual(['gone']);
    expect(report.orphaned).toHaveLength(1);
    expect(report.orphaned[0]!.reason).toContain('ssh ci@host:22 rm -rf /tmp/s.sh');
    const rows = await env.db.select().from(buildResources).where(eq(buildResources.buildRunId, id));
    expect(Object.fromEntries(rows.map((r) => [r.resourceKey, r.status]))).toEqual({
      script: 'orphaned',
      gone: 'deleted',
    });

    // A second pass finds nothing left to do.
    const again: SweepReport = await new MockActivityEnvironment().run(activities.sweepBuildResources, {
      limit: 100,
    });
    expect(again.seen).toBe(0);
  });

  it('runs as a workflow on the dev server', async () => {
    await endedRunWithLeftovers();
    const handle = await env.client.workflow.start('resourceSweeperWorkflow', {
      taskQueue: 'kiln-builds',
      workflowId: `sweeper-test-${Date.now()}`,
      args: [{ intervalSeconds: 1, rounds: 0 }],
    });
    const result: ResourceSweeperResult = await handle.result();
    expect(result.orphaned).toBeGreaterThanOrEqual(2);
  });
});
