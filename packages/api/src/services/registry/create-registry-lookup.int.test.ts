import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeDemoVersion,
  DEMO,
  seedDemoWithOwner,
  seedOtherOrganization,
} from '../../test-support/fixtures.ts';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../test-support/test-database.ts';
import { assignChannel } from './assign-channel.ts';
import { createRegistryLookup } from './create-registry-lookup.ts';

describe('registry lookup for the hcp-packer data sources', () => {
  let t: MigratedTestDatabase;
  let demoScope: { organizationId: string; projectId: string };
  let version: { versionId: string; buildRunId: string };
  let fingerprint: string;

  beforeAll(async () => {
    t = await createMigratedTestDatabase();
    const seeded = await seedDemoWithOwner(t.db);
    demoScope = { organizationId: seeded.organizationId, projectId: seeded.projectId };
    version = await completeDemoVersion(t.db, seeded.owner);
    await assignChannel(t.db, seeded.owner, { ...DEMO, bucket: 'demo', channel: 'production', ...version });
    const [row] = await t.sql<{ fingerprint: string }>('select fingerprint from versions where id = $1', [
      version.versionId,
    ]);
    fingerprint = row!.fingerprint;
  });
  afterAll(() => t.dispose());

  it('resolves a channel to its version and the version to its artifact per platform and region', async () => {
    const lookup = createRegistryLookup(t.db, demoScope);
    const found = await lookup.lookupChannelVersion({ bucketName: 'demo', channelName: 'production' });
    expect(found).toMatchObject({
      id: version.versionId,
      fingerprint,
      name: 'v1',
      bucketName: 'demo',
      status: 'VERSION_ACTIVE',
      revoked: false,
    });
    const artifact = await lookup.lookupArtifact({
      bucketName: 'demo',
      versionFingerprint: fingerprint,
      platform: 'file',
      region: 'eu-west-1',
    });
    expect(artifact).toMatchObject({
      externalIdentifier: 'ami-0123456789abcdef0',
      platform: 'file',
      region: 'eu-west-1',
      componentType: 'file.hello',
      versionId: version.versionId,
      packerRunUuid: version.buildRunId,
      revoked: false,
    });
  });

  it('says what was not found', async () => {
    const lookup = createRegistryLookup(t.db, demoScope);
    await expect(
      lookup.lookupChannelVersion({ bucketName: 'nope', channelName: 'production' }),
    ).rejects.toThrow('bucket "nope" does not exist in this project');
    await expect(lookup.lookupChannelVersion({ bucketName: 'demo', channelName: 'staging' })).rejects.toThrow(
      'channel "staging" does not exist in bucket "demo"',
    );
    await expect(
      lookup.lookupArtifact({
        bucketName: 'demo',
        versionFingerprint: fingerprint,
        platform: 'aws',
        region: 'eu-west-1',
      }),
    ).rejects.toThrow(
      `version v1 (${fingerprint}) of bucket "demo" has no aws artifact in region "eu-west-1"`,
    );
    await expect(
      lookup.lookupArtifact({
        bucketName: 'demo',
        versionFingerprint: fingerprint,
        platform: 'file',
        region: 'eu-west-1',
        componentType: 'amazon-ebs.other',
      }),
    ).rejects.toThrow('from "amazon-ebs.other"');
  });

  it('finds nothing of another organization', async () => {
    const other = await seedOtherOrganization(t.db);
    const lookup = createRegistryLookup(t.db, {
      organizationId: other.organization.id,
      projectId: other.project.id,
    });
    await expect(
      lookup.lookupChannelVersion({ bucketName: 'demo', channelName: 'production' }),
    ).rejects.toThrow('bucket "demo" does not exist in this project');
    await expect(
      lookup.lookupArtifact({
        bucketName: 'demo',
        versionFingerprint: fingerprint,
        platform: 'file',
        region: 'local',
      }),
    ).rejects.toThrow('bucket "demo" does not exist in this project');
  });

  it('reports a revocation that has taken effect, and not one that is only scheduled', async () => {
    const lookup = createRegistryLookup(t.db, demoScope);
    await t.sql("update versions set revoke_at = now() + interval '1 day' where id = $1", [
      version.versionId,
    ]);
    expect(
      await lookup.lookupChannelVersion({ bucketName: 'demo', channelName: 'production' }),
    ).toMatchObject({
      status: 'VERSION_REVOCATION_SCHEDULED',
      revoked: false,
    });
    await t.sql("update versions set revoke_at = now() - interval '1 second' where id = $1", [
      version.versionId,
    ]);
    expect(
      await lookup.lookupChannelVersion({ bucketName: 'demo', channelName: 'production' }),
    ).toMatchObject({
      status: 'VERSION_REVOKED',
      revoked: true,
    });
    const artifact = await lookup.lookupArtifact({
      bucketName: 'demo',
      versionFingerprint: fingerprint,
      platform: 'file',
      region: 'local',
    });
    expect(artifact.revoked).toBe(true);
  });
});
