import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../actor.ts';
import { handleRestRequest } from '../../rest/handle-rest-request.ts';
import {
  completeChildVersion,
  completeDemoVersion,
  DEMO,
  seedDemoWithOwner,
} from '../../test-support/fixtures.ts';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../test-support/test-database.ts';
import { listAuditEvents } from '../audit/list-audit-events.ts';
import { assignChannel } from './assign-channel.ts';
import { getBucket } from './get-bucket.ts';
import { getChannelWithVersion } from './get-channel-with-version.ts';
import { listChannelHistory } from './list-channel-history.ts';
import { previewRevocation } from './preview-revocation.ts';
import { restoreVersion } from './restore-version.ts';
import { revokeVersion } from './revoke-version.ts';

/**
 * A demo bucket with v1 and v2 (v2 on `production` after v1, and on `latest`), and a child bucket `app` whose
 * v1 was built from demo v2 read through `production`, itself on the child's `production`.
 */
async function seedRegistry(t: MigratedTestDatabase) {
  const demo = await seedDemoWithOwner(t.db);
  const v1 = await completeDemoVersion(t.db, demo.owner, [{ region: 'local', externalId: 'base-1.img' }]);
  const v2 = await completeDemoVersion(t.db, demo.owner, [{ region: 'local', externalId: 'base-2.img' }]);
  const assign = (bucket: string, versionId: string) =>
    assignChannel(t.db, demo.owner, { ...DEMO, bucket, channel: 'production', versionId });
  await assign('demo', v1.versionId);
  const production = await assign('demo', v2.versionId);
  const child = await completeChildVersion(t.db, demo.owner, {
    bucketName: 'app',
    parent: { versionId: v2.versionId, channelId: production.id, externalId: 'base-2.img' },
    externalId: 'app-1.img',
  });
  await assign('app', child.versionId);
  const principal: Actor = {
    type: 'service_principal',
    id: (await t.sql<{ id: string }>("select id from service_principals where name = 'demo-ci'"))[0]!.id,
    organizationId: demo.organizationId,
  };
  return { demo, v1: v1.versionId, v2: v2.versionId, child: child.versionId, principal };
}

/** The JSON answers the REST checks read. */
interface RestBody {
  descendants?: unknown[];
  [key: string]: unknown;
}

describe('revocation', () => {
  let t: MigratedTestDatabase | undefined;
  let s: Awaited<ReturnType<typeof seedRegistry>>;
  const db = () => t!.db;
  const channelOf = async (bucket: string, channel: string) =>
    (
      await t!.sql<{ version_id: string | null }>(
        'select c.version_id from channels c join buckets b on b.id = c.bucket_id where b.name = $1 and c.name = $2',
        [bucket, channel],
      )
    )[0]!.version_id;

  beforeEach(async () => {
    await t?.dispose();
    t = await createMigratedTestDatabase();
    s = await seedRegistry(t);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('records the ancestry the fixture relies on', async () => {
    const child = await getBucket(db(), s.demo.owner, { ...DEMO, bucket: 'app' });
    expect(child.versions[0]!.builds[0]!.parent).toMatchObject({
      versionId: s.v2,
      channelName: 'production',
    });
  });

  it('previews the descendants, the channels with their rollback targets, and who looked the versions up', async () => {
    await getChannelWithVersion(db(), s.principal, { ...DEMO, bucket: 'demo', channel: 'production' });
    await getChannelWithVersion(db(), s.principal, { ...DEMO, bucket: 'demo', channel: 'production' });
    await getChannelWithVersion(db(), s.principal, { ...DEMO, bucket: 'app', channel: 'production' });
    const preview = await previewRevocation(db(), s.demo.owner, { ...DEMO, bucket: 'demo', versionId: s.v2 });
    expect(preview.immediate).toBe(true);
    expect(preview.descendants).toEqual([
      expect.objectContaining({ id: s.child, bucketName: 'app', name: 'v1', inherits: true }),
    ]);
    const channels = preview.channels.map(
      (c) => `${c.bucketName}/${c.name}: ${c.versionName} → ${c.rollbackTo?.name ?? 'none'}`,
    );
    expect(channels.sort()).toEqual([
      'app/latest: v1 → none',
      'app/production: v1 → none',
      'demo/latest: v2 → v1',
      'demo/production: v2 → v1',
    ]);
    expect(preview.lookups).toEqual([
      expect.objectContaining({
        bucketName: 'app',
        channelName: 'production',
        actorName: 'demo-ci',
        count: 1,
      }),
      expect.objectContaining({
        bucketName: 'demo',
        channelName: 'production',
        actorName: 'demo-ci',
        count: 2,
      }),
    ]);
    const skipped = await previewRevocation(db(), s.demo.owner, {
      ...DEMO,
      bucket: 'demo',
      versionId: s.v2,
      skipDescendants: true,
    });
    expect(skipped.descendants[0]!.inherits).toBe(false);
    expect(skipped.channels.map((c) => c.bucketName)).toEqual(['demo', 'demo']);
    // A preview changes nothing.
    expect(await channelOf('demo', 'production')).toBe(s.v2);
  });

  it('revokes now: descendants inherit naming the ancestor, channels roll back with history, lookups fail with the reason', async () => {
    const result = await revokeVersion(db(), s.demo.owner, {
      ...DEMO,
      bucket: 'demo',
      versionId: s.v2,
      reason: 'CVE-2026-1234 in openssl',
    });
    expect(result.immediate).toBe(true);
    expect(result.inherited.map((d) => d.id)).toEqual([s.child]);

    const demoBucket = await getBucket(db(), s.demo.owner, { ...DEMO, bucket: 'demo' });
    const v2 = demoBucket.versions.find((v) => v.id === s.v2)!;
    expect(v2.status).toBe('revoked');
    expect(v2.revocationMessage).toBe('CVE-2026-1234 in openssl');
    expect(v2.revocation).toEqual({ revokedByName: 'Demo User (demo@kiln.local)', inheritedFrom: null });
    const app = await getBucket(db(), s.demo.owner, { ...DEMO, bucket: 'app' });
    expect(app.versions[0]).toMatchObject({
      status: 'revoked',
      revocationInheritedFromId: s.v2,
      revocationMessage: 'inherited from demo v2: CVE-2026-1234 in openssl',
      revocation: { inheritedFrom: { id: s.v2, name: 'v2', bucketName: 'demo' } },
    });

    expect(await channelOf('demo', 'production')).toBe(s.v1);
    expect(await channelOf('demo', 'latest')).toBe(s.v1);
    expect(await channelOf('app', 'production')).toBeNull();
    const history = await listChannelHistory(db(), s.demo.owner, {
      ...DEMO,
      bucket: 'demo',
      channel: 'production',
    });
    expect(history[0]).toMatchObject({
      versionId: s.v1,
      versionName: 'v1',
      actorName: 'Demo User (demo@kiln.local)',
    });
    expect(await t!.count('channel_assignments where reason is not null')).toBe(4);
    expect(await channelOf('app', 'latest')).toBeNull();

    const answer = await getChannelWithVersion(db(), s.principal, {
      ...DEMO,
      bucket: 'demo',
      channel: 'production',
    });
    expect(answer.version.id).toBe(s.v1);
    await expect(
      getChannelWithVersion(db(), s.principal, { ...DEMO, bucket: 'app', channel: 'production' }),
    ).rejects.toThrow(/none is assigned/);

    const audit = await listAuditEvents(db(), s.demo.owner, { org: 'demo' });
    const actions = audit.map((e) => `${e.action} ${e.targetId}`);
    expect(actions).toContain(`registry.version.revoked ${s.v2}`);
    expect(actions).toContain(`registry.version.revoked ${s.child}`);
    expect(audit.filter((e) => e.action === 'registry.channel.rolled-back')).toHaveLength(4);

    await expect(
      revokeVersion(db(), s.demo.owner, { ...DEMO, bucket: 'demo', versionId: s.v2, reason: 'again' }),
    ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await expect(
      assignChannel(db(), s.demo.owner, { ...DEMO, bucket: 'demo', channel: 'production', versionId: s.v2 }),
    ).rejects.toThrow(/is revoked .*CVE-2026-1234/);
  });

  it('restores a version with the revocations its descendants inherited; channels stay where they rolled back', async () => {
    await revokeVersion(db(), s.demo.owner, { ...DEMO, bucket: 'demo', versionId: s.v2, reason: 'bad' });
    const restored = await restoreVersion(db(), s.demo.owner, { ...DEMO, bucket: 'demo', versionId: s.v2 });
    expect(restored.restored.map((v) => v.id).sort()).toEqual([s.v2, s.child].sort());
    const rows = await t!.sql<{
      id: string;
      revoke_at: Date | null;
      revocation_inherited_from_id: string | null;
    }>('select id, revoke_at, revocation_inherited_from_id from versions where id = any($1)', [
      [s.v2, s.child],
    ]);
    expect(rows.every((r) => r.revoke_at === null && r.revocation_inherited_from_id === null)).toBe(true);
    expect(await channelOf('demo', 'production')).toBe(s.v1);
    await expect(
      restoreVersion(db(), s.demo.owner, { ...DEMO, bucket: 'demo', versionId: s.v2 }),
    ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    const audit = await listAuditEvents(db(), s.demo.owner, { org: 'demo' });
    expect(audit.filter((e) => e.action === 'registry.version.restored')).toHaveLength(2);
  });

  it('keeps descendants and channels when the revoker opts out; the channel lookup then fails with the reason', async () => {
    await revokeVersion(db(), s.demo.owner, {
      ...DEMO,
      bucket: 'demo',
      versionId: s.v2,
      reason: 'leaked key',
      skipDescendants: true,
      keepChannels: true,
    });
    expect(await channelOf('demo', 'production')).toBe(s.v2);
    const app = await getBucket(db(), s.demo.owner, { ...DEMO, bucket: 'app' });
    expect(app.versions[0]!.status).toBe('active');
    await expect(
      getChannelWithVersion(db(), s.principal, { ...DEMO, bucket: 'demo', channel: 'production' }),
    ).rejects.toThrow('version v2 on channel "production" of bucket "demo" is revoked: leaked key');
    const bucket = await getBucket(db(), s.demo.owner, { ...DEMO, bucket: 'demo' });
    expect(bucket.channels.find((c) => c.name === 'production')).toMatchObject({
      revoked: true,
      effectiveVersionId: null,
    });
  });

  it('schedules a revocation: active until its time, then derived at read with channels rolled back', async () => {
    const now = new Date();
    const at = new Date(now.getTime() + 3_600_000);
    const result = await revokeVersion(db(), s.demo.owner, {
      ...DEMO,
      bucket: 'demo',
      versionId: s.v2,
      reason: 'end of support',
      revokeAt: at,
    });
    expect(result.immediate).toBe(false);
    expect(result.revokeAt).toEqual(at);
    let bucket = await getBucket(db(), s.demo.owner, { ...DEMO, bucket: 'demo' });
    expect(bucket.versions.find((v) => v.id === s.v2)!.status).toBe('revocation-scheduled');
    expect(await channelOf('demo', 'production')).toBe(s.v2);
    expect(
      (await getChannelWithVersion(db(), s.principal, { ...DEMO, bucket: 'demo', channel: 'production' }))
        .version.id,
    ).toBe(s.v2);

    // The effect time passes (moved into the past in the database: no job flips anything).
    await t!.sql("update versions set revoke_at = now() - interval '1 second' where revoke_at is not null");
    bucket = await getBucket(db(), s.demo.owner, { ...DEMO, bucket: 'demo' });
    expect(bucket.versions.find((v) => v.id === s.v2)!.status).toBe('revoked');
    const production = bucket.channels.find((c) => c.name === 'production')!;
    expect(production).toMatchObject({ versionId: s.v2, effectiveVersionId: s.v1, revoked: false });
    const answer = await getChannelWithVersion(db(), s.principal, {
      ...DEMO,
      bucket: 'demo',
      channel: 'production',
    });
    expect(answer.version.id).toBe(s.v1);
    expect(answer.rolledBackFrom).toEqual({ id: s.v2, name: 'v2' });
    const app = await getBucket(db(), s.demo.owner, { ...DEMO, bucket: 'app' });
    expect(app.versions[0]!.status).toBe('revoked');
    await expect(
      getChannelWithVersion(db(), s.principal, { ...DEMO, bucket: 'app', channel: 'production' }),
    ).rejects.toThrow(/is revoked: inherited from demo v2: end of support/);
  });

  it('refuses a viewer, and an empty reason', async () => {
    await expect(
      revokeVersion(db(), s.demo.owner, { ...DEMO, bucket: 'demo', versionId: s.v2, reason: '  ' }),
    ).rejects.toMatchObject({ code: 'INVALID' });
    await t!.sql("update service_principals set role = 'viewer'");
    await expect(
      revokeVersion(db(), s.principal, { ...DEMO, bucket: 'demo', versionId: s.v2, reason: 'x' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('revokes, previews and restores over /api/v1, and the revoked channel answers a clear error', async () => {
    const sp = s.demo.servicePrincipal;
    const authorization = `Basic ${Buffer.from(`${sp.clientId}:${sp.clientSecret}`).toString('base64')}`;
    const base = 'http://kiln.test/api/v1/orgs/demo/projects/default/buckets/demo';
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await handleRestRequest(
        new Request(`${base}${path}`, {
          method,
          headers: { authorization, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
        { db: db() },
      );
      return { status: response.status, body: (await response.json()) as RestBody };
    };
    const preview = await call('GET', `/versions/${s.v2}/revocation-preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.descendants).toEqual([
      expect.objectContaining({ id: s.child, bucket: 'app', inherits: true }),
    ]);

    const invalid = await call('POST', `/versions/${s.v2}/revoke`, { reason: '' });
    expect(invalid.status).toBe(400);
    const revoked = await call('POST', `/versions/${s.v2}/revoke`, { reason: 'CVE-1', keep_channels: true });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ immediate: true, inherited_by: [{ id: s.child }] });

    for (const suffix of ['', '/terraform-state']) {
      const lookup = await call('GET', `/channels/production${suffix}`);
      expect(lookup.status).toBe(409);
      expect(lookup.body).toEqual({
        error: {
          code: 'PRECONDITION_FAILED',
          message: 'version v2 on channel "production" of bucket "demo" is revoked: CVE-1',
        },
      });
    }
    const restored = await call('POST', `/versions/${s.v2}/restore`);
    expect(restored.status).toBe(200);
    expect((await call('GET', '/channels/production')).status).toBe(200);
    expect((await call('PUT', `/versions/${s.v2}/restore`)).status).toBe(405);
  });
});
