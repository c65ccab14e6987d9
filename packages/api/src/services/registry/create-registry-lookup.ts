import type { RegistryArtifactInfo, RegistryLookup, RegistryVersionInfo } from '@kiln/engine';
import { revocationState, type VersionDisplayStatus, versionDisplayStatus } from '../../domain/versions.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import {
  findBucketByName,
  findChannelByName,
  findVersionByFingerprint,
  findVersionInBucket,
  listArtifacts,
  listBuilds,
  type VersionRow,
} from '../../repositories/registry-repository.ts';
import type { ProjectScope } from '../../repositories/templates-repository.ts';

const HCP_VERSION_STATUS: Record<VersionDisplayStatus, string> = {
  running: 'VERSION_RUNNING',
  active: 'VERSION_ACTIVE',
  failed: 'VERSION_FAILED',
  'revocation-scheduled': 'VERSION_REVOCATION_SCHEDULED',
  revoked: 'VERSION_REVOKED',
};

/**
 * What a template's `hcp-packer-version` and `hcp-packer-artifact` data sources read: Kiln's own
 * registry, within the one project the template belongs to (nothing outside it is ever found).
 * Lookups throw an Error that names what was not found, for the data source to report.
 */
export function createRegistryLookup(db: Queryable, scope: ProjectScope): RegistryLookup {
  const bucketNamed = async (bucketName: string) => {
    const bucket = await findBucketByName(db, scope, bucketName);
    if (!bucket) throw new Error(`bucket "${bucketName}" does not exist in this project`);
    return bucket;
  };

  const versionInfo = (version: VersionRow, bucketName: string, channelId: string): RegistryVersionInfo => {
    const now = new Date();
    return {
      id: version.id,
      fingerprint: version.fingerprint,
      name: version.name,
      bucketName,
      status: HCP_VERSION_STATUS[versionDisplayStatus(version, now)],
      revoked: revocationState(version.revokeAt, now) === 'revoked',
      authorId: version.createdBy,
      createdAt: version.createdAt.toISOString(),
      updatedAt: version.updatedAt.toISOString(),
      channelId,
    };
  };

  return {
    async lookupChannelVersion({ bucketName, channelName }) {
      const bucket = await bucketNamed(bucketName);
      const channel = await findChannelByName(db, bucket, channelName);
      if (!channel) throw new Error(`channel "${channelName}" does not exist in bucket "${bucketName}"`);
      if (!channel.versionId)
        throw new Error(`channel "${channelName}" of bucket "${bucketName}" has no version`);
      const version = await findVersionInBucket(db, bucket, channel.versionId);
      if (!version) throw new Error(`channel "${channelName}" points at a version that no longer exists`);
      return versionInfo(version, bucket.name, channel.id);
    },

    async lookupArtifact({ bucketName, versionFingerprint, platform, region, componentType }) {
      const bucket = await bucketNamed(bucketName);
      const version = await findVersionByFingerprint(db, bucket.id, versionFingerprint);
      if (!version) {
        throw new Error(
          `version with fingerprint "${versionFingerprint}" does not exist in bucket "${bucketName}"`,
        );
      }
      const builds = (await listBuilds(db, [version.id])).filter(
        (b) => b.platform === platform && (componentType === undefined || b.componentType === componentType),
      );
      const artifacts = await listArtifacts(
        db,
        builds.map((b) => b.id),
      );
      const artifact = artifacts.find((a) => a.region === region);
      const build = builds.find((b) => b.id === artifact?.buildId);
      if (!artifact || !build) {
        const which = componentType ? ` from "${componentType}"` : '';
        throw new Error(
          `version ${version.name} (${versionFingerprint}) of bucket "${bucketName}" has no ${platform} artifact in region "${region}"${which}`,
        );
      }
      const info: RegistryArtifactInfo = {
        externalIdentifier: artifact.externalIdentifier,
        platform: build.platform,
        region: artifact.region,
        componentType: build.componentType,
        createdAt: artifact.createdAt.toISOString(),
        buildId: build.id,
        versionId: version.id,
        packerRunUuid: version.buildRunId ?? '',
        labels: build.labels,
        revoked: revocationState(version.revokeAt, new Date()) === 'revoked',
      };
      return info;
    },
  };
}
