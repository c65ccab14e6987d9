import type {} from '@kiln/testing/vitest/postgres-setup';
import type {} from '@kiln/testing/vitest/temporal-setup';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import {
  type Actor,
  type BuildRunOptions,
  createSealer,
  generateSealingKey,
  type Sealer,
  seedDemo,
  startBuildRun,
} from '@kiln/api';
import { createTemporalBuildStarter } from '@kiln/api/temporal';
import {
  artifacts,
  asc,
  buckets,
  buildLogLines,
  buildRunSteps,
  buildRuns,
  builds,
  channels,
  createDb,
  eq,
  type KilnDb,
  migrate,
  versions,
} from '@kiln/db';
import type { LocalExecutor } from '@kiln/engine';
import { createBubblewrapExecutor, createPluginRegistry } from '@kiln/plugins';
import { createTestDatabase } from '@kiln/testing';
import { Client, Connection } from '@temporalio/client';
import {
  bundleWorkflowCode,
  NativeConnection,
  type Worker,
  type WorkflowBundleWithSourceMap,
  Worker as TemporalWorker,
} from '@temporalio/worker';
import pino from 'pino';
import { inject } from 'vitest';
import { createKilnWorker } from '../src/worker.ts';
import { WORKFLOWS_PATH } from '../src/workflows-path.ts';
import { createTemplateForTest } from './templates.ts';

export interface WorkerTestEnv {
  db: KilnDb;
  databaseUrl: string;
  temporal: { address: string; namespace: string };
  client: Client;
  actor: Actor;
  workRoot: string;
  /** The sealing key (base64) of this test's run secrets, for worker processes it starts. */
  sealingKey: string;
  sealer: Sealer;
  close(): Promise<void>;
}

/** A fresh database with the demo seeded, a Temporal client, and a work root of its own. */
export async function setupWorkerTest(): Promise<WorkerTestEnv> {
  const database = await createTestDatabase(inject('postgresAdminUrl'));
  await migrate(database.url);
  const handle = createDb(database.url);
  const seeded = await seedDemo(handle.db);
  const temporal = { address: inject('temporalAddress'), namespace: inject('temporalNamespace') };
  const connection = await Connection.connect({ address: temporal.address });
  const workRoot = await mkdtemp(path.join(tmpdir(), 'kiln-worker-test-'));
  const sealingKey = generateSealingKey();
  return {
    sealingKey,
    sealer: createSealer(Buffer.from(sealingKey, 'base64')),
    db: handle.db,
    databaseUrl: database.url,
    temporal,
    client: new Client({ connection, namespace: temporal.namespace }),
    actor: { type: 'user', id: seeded.userId },
    workRoot,
    async close() {
      await connection.close();
      await handle.close();
      await database.drop();
      await rm(workRoot, { recursive: true, force: true });
    },
  };
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The workflow bundle, built once per test file. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
  return bundle;
}

const quietBundlerLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

/** A worker in this process, polling until `stop`. */
export async function startInProcessWorker(
  env: WorkerTestEnv,
  options: { local?: LocalExecutor } = {},
): Promise<{ worker: Worker; stop(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address: env.temporal.address });
  const worker = await createKilnWorker({
    connection,
    namespace: env.temporal.namespace,
    db: env.db,
    // The tests' HTTP servers listen on loopback, which a tenant's http data source may not reach.
    plugins: createPluginRegistry({ http: { allowAddresses: ['127.0.0.1'] } }),
    workRoot: env.workRoot,
    logger: pino({ level: 'silent' }),
    // The sandbox every worker uses; only the escape suite's control run swaps it out.
    local: options.local ?? createBubblewrapExecutor({ workRoot: env.workRoot }),
    sealer: env.sealer,
    workflowBundle: await workflowBundle(),
  });
  const running = worker.run();
  return {
    worker,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/** Saves a template in the demo project and starts a run of it through the api service. */
export async function startRun(
  env: WorkerTestEnv,
  template: { name: string; content?: string },
  options: BuildRunOptions = {},
) {
  if (template.content !== undefined) await createTemplateForTest(env, template.name, template.content);
  const starter = createTemporalBuildStarter(env.temporal);
  try {
    const run = await startBuildRun(
      env.db,
      env.actor,
      { org: 'demo', project: 'default', template: template.name, ...options },
      { buildStarter: starter, sealer: env.sealer },
    );
    return { ...run, handle: env.client.workflow.getHandle(run.workflowId) };
  } finally {
    await starter.close();
  }
}

export async function readRun(db: KilnDb, buildRunId: string) {
  const [run] = await db.select().from(buildRuns).where(eq(buildRuns.id, buildRunId));
  const steps = await db
    .select()
    .from(buildRunSteps)
    .where(eq(buildRunSteps.buildRunId, buildRunId))
    .orderBy(asc(buildRunSteps.buildName), asc(buildRunSteps.stepIndex));
  const lines = await db
    .select()
    .from(buildLogLines)
    .where(eq(buildLogLines.buildRunId, buildRunId))
    .orderBy(asc(buildLogLines.seq));
  return { run: run!, steps, lines };
}

export async function readRegistry(db: KilnDb, bucketName: string) {
  const [bucket] = await db.select().from(buckets).where(eq(buckets.name, bucketName));
  if (!bucket) return { bucket: undefined, versions: [], builds: [], artifacts: [], channels: [] };
  const versionRows = await db.select().from(versions).where(eq(versions.bucketId, bucket.id));
  const buildRows = (
    await Promise.all(versionRows.map((v) => db.select().from(builds).where(eq(builds.versionId, v.id))))
  ).flat();
  const artifactRows = (
    await Promise.all(buildRows.map((b) => db.select().from(artifacts).where(eq(artifacts.buildId, b.id))))
  ).flat();
  const channelRows = await db.select().from(channels).where(eq(channels.bucketId, bucket.id));
  return { bucket, versions: versionRows, builds: buildRows, artifacts: artifactRows, channels: channelRows };
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const HISTORIES = fileURLToPath(new URL('./histories/', import.meta.url));

/**
 * Replays a finished run's workflow history and its builds' histories against the current workflow
 * code; with KILN_RECORD_HISTORIES=1, writes them under test/histories/ as `<name>.json` and
 * `<name>-build-<n>.json`, which the replay test then replays on every run of the unit tests.
 */
export async function replayAndRecord(
  env: WorkerTestEnv,
  run: { workflowId: string },
  buildNames: string[],
  name: string,
): Promise<void> {
  const ids = [run.workflowId, ...buildNames.map((build) => `${run.workflowId}:${build}`)];
  for (const [i, id] of ids.entries()) {
    const history = await env.client.workflow.getHandle(id).fetchHistory();
    await TemporalWorker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, id);
    if (process.env.KILN_RECORD_HISTORIES === '1') {
      const file = path.join(HISTORIES, i === 0 ? `${name}.json` : `${name}-build-${i}.json`);
      await writeFile(file, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`);
    }
  }
}
