import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, seedDemoWithOwner } from '../../test-support/fixtures.ts';
import { RecordingBuildStarter, testSealer } from '../../test-support/recording-build-starter.ts';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../test-support/test-database.ts';
import { startBuildRun } from '../build-runs/start-build-run.ts';
import { completeRegistryBuild } from './complete-registry-build.ts';
import { getBucket } from './get-bucket.ts';
import { listChannelHistory } from './list-channel-history.ts';
import { registerRegistryVersion } from './register-registry-version.ts';

const REGISTRY_TABLES = [
  'buckets',
  'versions',
  'builds',
  'artifacts',
  'channels',
  'channel_assignments',
  'audit_events',
];

const artifactFor = (component: string, region: string, externalId: string) => ({
  builderId: `kiln.${component}`,
  id: externalId,
  platform: component.split('.')[0]!,
  images: [{ region, externalId }],
  files: [],
  labels: { component },
});

describe('registry version registration and completion', () => {
  let t: MigratedTestDatabase;
  let seeded: Awaited<ReturnType<typeof seedDemoWithOwner>>;
  const starter = new RecordingBuildStarter();

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(REGISTRY_TABLES.map(async (table) => [table, await t.count(table)])),
    );
  const newRun = async () =>
    (
      await startBuildRun(
        t.db,
        seeded.owner,
        { ...DEMO, template: 'hello' },
        { buildStarter: starter, sealer: testSealer },
      )
    ).id;
  const register = (buildRunId: string) =>
    registerRegistryVersion(t.db, {
      buildRunId,
      bucketName: 'demo',
      description: 'Demo image',
      bucketLabels: { team: 'platform' },
      components: [
        { componentType: 'file.hello', platform: 'file' },
        { componentType: 'null.check', buildLabels: { os: 'none' } },
      ],
    });

  beforeAll(async () => {
    t = await createMigratedTestDatabase();
    seeded = await seedDemoWithOwner(t.db);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('creates the bucket with a managed latest channel, the version and its builds; a repeat changes nothing', async () => {
    const runId = await newRun();
    const first = await register(runId);
    const after = await counts();
    const second = await register(runId);
    expect(second).toEqual(first);
    expect(await counts()).toEqual(after);

    const bucket = await getBucket(t.db, seeded.owner, { ...DEMO, bucket: 'demo' });
    expect(bucket).toMatchObject({ name: 'demo', description: 'Demo image', labels: { team: 'platform' } });
    expect(bucket.channels).toEqual([
      expect.objectContaining({ name: 'latest', managed: true, restricted: true, versionId: null }),
    ]);
    expect(bucket.versions).toHaveLength(1);
    expect(bucket.versions[0]).toMatchObject({
      id: first.versionId,
      fingerprint: runId.toLowerCase(),
      name: 'v0',
      status: 'running',
      templateType: 'hcl2',
      buildRunId: runId,
    });
    expect(bucket.versions[0]!.builds.map((b) => [b.componentType, b.platform, b.status, b.labels])).toEqual([
      ['file.hello', 'file', 'running', {}],
      ['null.check', '', 'running', { os: 'none' }],
    ]);
  });

  it('completes the version only when its last build is done: v1, active, assigned to latest', async () => {
    const runId = (await t.sql<{ id: string }>('select id from build_runs order by id limit 1'))[0]!.id;
    await completeRegistryBuild(t.db, {
      buildRunId: runId,
      bucketName: 'demo',
      componentType: 'file.hello',
      status: 'done',
      artifact: artifactFor('file.hello', 'local', 'hello.txt'),
    });
    let bucket = await getBucket(t.db, seeded.owner, { ...DEMO, bucket: 'demo' });
    expect(bucket.versions[0]).toMatchObject({ name: 'v0', status: 'running' });
    expect(bucket.channels[0]!.versionId).toBeNull();

    await completeRegistryBuild(t.db, {
      buildRunId: runId,
      bucketName: 'demo',
      componentType: 'null.check',
      status: 'done',
      artifact: artifactFor('null.check', 'none', 'null-0'),
    });
    bucket = await getBucket(t.db, seeded.owner, { ...DEMO, bucket: 'demo' });
    const version = bucket.versions[0]!;
    expect(version).toMatchObject({ name: 'v1', status: 'active' });
    expect(
      version.builds.map((b) => [
        b.componentType,
        b.status,
        b.artifacts.map((a) => [a.region, a.externalIdentifier]),
      ]),
    ).toEqual([
      ['file.hello', 'done', [['local', 'hello.txt']]],
      ['null.check', 'done', [['none', 'null-0']]],
    ]);
    expect(bucket.channels[0]).toMatchObject({ name: 'latest', versionId: version.id });

    const history = await listChannelHistory(t.db, seeded.owner, {
      ...DEMO,
      bucket: 'demo',
      channel: 'latest',
    });
    expect(history).toEqual([
      expect.objectContaining({ versionId: version.id, versionName: 'v1', actorType: 'system' }),
    ]);
    const audit = await t.sql<{ action: string }>(
      "select action from audit_events where action like 'registry.%' order by id",
    );
    expect(audit.map((a) => a.action)).toEqual([
      'registry.bucket.created',
      'registry.version.created',
      'registry.build.done',
      'registry.build.done',
      'registry.version.completed',
      'registry.channel.assigned',
    ]);
  });

  it('changes nothing when a completion is repeated', async () => {
    const runId = (await t.sql<{ id: string }>('select id from build_runs order by id limit 1'))[0]!.id;
    const before = await counts();
    await completeRegistryBuild(t.db, {
      buildRunId: runId,
      bucketName: 'demo',
      componentType: 'null.check',
      status: 'done',
      artifact: artifactFor('null.check', 'none', 'null-0'),
    });
    expect(await counts()).toEqual(before);
    const [version] = await t.sql<{ name: string; sequence: number }>('select name, sequence from versions');
    expect(version).toEqual({ name: 'v1', sequence: 1 });
  });

  it('names the next complete version v2 and moves latest to it', async () => {
    const runId = await newRun();
    const { versionId } = await register(runId);
    for (const componentType of ['null.check', 'file.hello']) {
      await completeRegistryBuild(t.db, {
        buildRunId: runId,
        bucketName: 'demo',
        componentType,
        status: 'done',
      });
    }
    const bucket = await getBucket(t.db, seeded.owner, { ...DEMO, bucket: 'demo' });
    expect(bucket.versions.map((v) => [v.name, v.status])).toEqual([
      ['v2', 'active'],
      ['v1', 'active'],
    ]);
    expect(bucket.channels[0]!.versionId).toBe(versionId);
    const history = await listChannelHistory(t.db, seeded.owner, {
      ...DEMO,
      bucket: 'demo',
      channel: 'latest',
    });
    expect(history.map((h) => h.versionName)).toEqual(['v2', 'v1']);
  });

  it('leaves a version with a failed build incomplete and latest where it was', async () => {
    const runId = await newRun();
    await register(runId);
    await completeRegistryBuild(t.db, {
      buildRunId: runId,
      bucketName: 'demo',
      componentType: 'file.hello',
      status: 'done',
    });
    await completeRegistryBuild(t.db, {
      buildRunId: runId,
      bucketName: 'demo',
      componentType: 'null.check',
      status: 'failed',
    });
    const bucket = await getBucket(t.db, seeded.owner, { ...DEMO, bucket: 'demo' });
    expect(bucket.versions[0]).toMatchObject({ name: 'v0', status: 'failed' });
    expect(bucket.channels[0]!.versionId).toBe(bucket.versions[1]!.id);
  });

  it('numbers versions without gaps when their last builds complete concurrently', async () => {
    const runs = await Promise.all([newRun(), newRun(), newRun(), newRun()]);
    for (const runId of runs) await register(runId);
    await Promise.all(
      runs.flatMap((buildRunId) =>
        ['file.hello', 'null.check'].map((componentType) =>
          completeRegistryBuild(t.db, { buildRunId, bucketName: 'demo', componentType, status: 'done' }),
        ),
      ),
    );
    const rows = await t.sql<{ name: string }>(
      "select name from versions where status = 'active' order by sequence",
    );
    expect(rows.map((r) => r.name)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
    const history = await listChannelHistory(t.db, seeded.owner, {
      ...DEMO,
      bucket: 'demo',
      channel: 'latest',
    });
    expect(history).toHaveLength(6);
  });
});
