import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeDemoVersion,
  DEMO,
  seedDemoWithOwner,
  seedOtherOrganization,
} from '../../test-support/fixtures.ts';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../test-support/test-database.ts';
import { listAuditEvents } from '../audit/list-audit-events.ts';
import { addMember } from '../tenancy/add-member.ts';
import { assignChannel } from './assign-channel.ts';
import { getChannelWithVersion } from './get-channel-with-version.ts';
import { listBuckets } from './list-buckets.ts';
import { listChannelHistory } from './list-channel-history.ts';
import { unassignChannel } from './unassign-channel.ts';

describe('channel unassignment and restricted channels', () => {
  let t: MigratedTestDatabase;
  let seeded: Awaited<ReturnType<typeof seedDemoWithOwner>>;
  let versionId: string;

  beforeAll(async () => {
    t = await createMigratedTestDatabase();
    seeded = await seedDemoWithOwner(t.db);
    versionId = (await completeDemoVersion(t.db, seeded.owner)).versionId;
    await assignChannel(t.db, seeded.owner, { ...DEMO, bucket: 'demo', channel: 'production', versionId });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('unassigns a user channel with a history row and an audit event; lookups then answer not found', async () => {
    const channel = await unassignChannel(t.db, seeded.owner, {
      ...DEMO,
      bucket: 'demo',
      channel: 'production',
    });
    expect(channel.versionId).toBeNull();
    const history = await listChannelHistory(t.db, seeded.owner, {
      ...DEMO,
      bucket: 'demo',
      channel: 'production',
    });
    expect(history.map((h) => h.versionId)).toEqual([null, versionId]);
    await expect(
      getChannelWithVersion(t.db, seeded.owner, { ...DEMO, bucket: 'demo', channel: 'production' }),
    ).rejects.toThrow(/none is assigned/);
    const audit = await listAuditEvents(t.db, seeded.owner, {
      org: 'demo',
      filter: { action: 'registry.channel.unassigned' },
    });
    expect(audit).toHaveLength(1);
    // Unassigning again changes nothing.
    await unassignChannel(t.db, seeded.owner, { ...DEMO, bucket: 'demo', channel: 'production' });
    expect(await t.count('channel_assignments where version_id is null')).toBe(1);
  });

  it('refuses the managed latest channel', async () => {
    await expect(
      unassignChannel(t.db, seeded.owner, { ...DEMO, bucket: 'demo', channel: 'latest' }),
    ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  it("hides the restricted latest channel's version from viewers in the bucket list", async () => {
    const viewer = await seedOtherOrganization(t.db, 'viewer');
    await addMember(t.db, seeded.owner, { org: 'demo', email: viewer.user.email, role: 'viewer' });
    const [asOwner] = await listBuckets(t.db, seeded.owner, DEMO);
    expect(asOwner!.latestVersionId).toBe(versionId);
    const [asViewer] = await listBuckets(t.db, viewer.actor, DEMO);
    expect(asViewer!.latestVersionId).toBeNull();
    await expect(
      getChannelWithVersion(t.db, viewer.actor, { ...DEMO, bucket: 'demo', channel: 'latest' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
