import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeDemoVersion, DEMO, seedDemoWithOwner } from '../../test-support/fixtures.ts';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../test-support/test-database.ts';
import { assignChannel } from './assign-channel.ts';
import { createChannel } from './create-channel.ts';
import { getBucket } from './get-bucket.ts';
import { listChannelHistory } from './list-channel-history.ts';

describe('channel assignment', () => {
  let t: MigratedTestDatabase;
  let seeded: Awaited<ReturnType<typeof seedDemoWithOwner>>;
  let v1: string;
  let v2: string;

  const snapshot = async () => ({
    channels: await t.sql('select name, version_id from channels order by name'),
    history: await t.count('channel_assignments'),
    audit: await t.count('audit_events'),
  });

  beforeAll(async () => {
    t = await createMigratedTestDatabase();
    seeded = await seedDemoWithOwner(t.db);
    v1 = (await completeDemoVersion(t.db, seeded.owner)).versionId;
    v2 = (await completeDemoVersion(t.db, seeded.owner)).versionId;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('creates the user channel when missing, assigns it, appends history and audits, all at once', async () => {
    const channel = await assignChannel(t.db, seeded.owner, {
      ...DEMO,
      bucket: 'demo',
      channel: 'production',
      versionId: v1,
    });
    expect(channel).toMatchObject({ name: 'production', managed: false, versionId: v1 });
    await assignChannel(t.db, seeded.owner, {
      ...DEMO,
      bucket: 'demo',
      channel: 'production',
      versionId: v2,
    });

    const history = await listChannelHistory(t.db, seeded.owner, {
      ...DEMO,
      bucket: 'demo',
      channel: 'production',
    });
    expect(history.map((h) => [h.versionName, h.actorType, h.actorId])).toEqual([
      ['v2', 'user', seeded.userId],
      ['v1', 'user', seeded.userId],
    ]);
    const audit = await t.sql<{ actor_id: string; data: Record<string, unknown> }>(
      "select actor_id, data from audit_events where action = 'registry.channel.assigned' and actor_type = 'user' order by id",
    );
    expect(audit.map((a) => [a.actor_id, a.data.versionName, a.data.channelCreated])).toEqual([
      [seeded.userId, 'v1', true],
      [seeded.userId, 'v2', false],
    ]);
  });

  it('refuses the managed latest channel and writes nothing', async () => {
    const before = await snapshot();
    await expect(
      assignChannel(t.db, seeded.owner, { ...DEMO, bucket: 'demo', channel: 'latest', versionId: v1 }),
    ).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringContaining('managed by Kiln'),
    });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a revoked version and writes nothing', async () => {
    await t.sql(
      "update versions set revoke_at = now() - interval '1 minute', revocation_message = 'CVE-2026-0001' where id = $1",
      [v1],
    );
    const before = await snapshot();
    await expect(
      assignChannel(t.db, seeded.owner, { ...DEMO, bucket: 'demo', channel: 'staging', versionId: v1 }),
    ).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringContaining('CVE-2026-0001'),
    });
    expect(await snapshot()).toEqual(before);
    await t.sql('update versions set revoke_at = null, revocation_message = null where id = $1', [v1]);
  });

  it('rolls the assignment back when its audit event cannot be written', async () => {
    await t.sql(`create function refuse_assignment_audit() returns trigger language plpgsql as $$
      begin
        if new.action = 'registry.channel.assigned' then raise exception 'audit store unavailable'; end if;
        return new;
      end $$`);
    await t.sql(
      'create trigger refuse_assignment_audit before insert on audit_events for each row execute function refuse_assignment_audit()',
    );
    try {
      const before = await snapshot();
      const error = await assignChannel(t.db, seeded.owner, {
        ...DEMO,
        bucket: 'demo',
        channel: 'production',
        versionId: v1,
      }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(String((error?.cause as Error | undefined)?.message)).toContain('audit store unavailable');
      expect(await snapshot()).toEqual(before);
      const bucket = await getBucket(t.db, seeded.owner, { ...DEMO, bucket: 'demo' });
      expect(bucket.channels.find((c) => c.name === 'production')?.versionId).toBe(v2);
    } finally {
      await t.sql('drop trigger refuse_assignment_audit on audit_events');
      await t.sql('drop function refuse_assignment_audit()');
    }
  });

  it('creates channels, refusing duplicates and the reserved name', async () => {
    await createChannel(t.db, seeded.owner, { ...DEMO, bucket: 'demo', channel: 'qa' });
    await expect(
      createChannel(t.db, seeded.owner, { ...DEMO, bucket: 'demo', channel: 'qa' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      createChannel(t.db, seeded.owner, { ...DEMO, bucket: 'demo', channel: 'latest' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const bucket = await getBucket(t.db, seeded.owner, { ...DEMO, bucket: 'demo' });
    expect(bucket.channels.map((c) => [c.name, c.versionId])).toEqual([
      ['latest', v2],
      ['production', v2],
      ['qa', null],
    ]);
  });
});
