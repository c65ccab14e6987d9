import type { DatasourcePlugin, Diagnostic, PluginSchema } from '@kiln/engine';
import { registryFor, requiredString } from './registry.ts';

export interface HcpPackerArtifactConfig {
  bucketName: string;
  /** Exactly one of channelName and versionFingerprint is set. */
  channelName?: string;
  versionFingerprint?: string;
  platform: string;
  region: string;
  componentType?: string;
}

export const hcpPackerArtifactSchema: PluginSchema = {
  kind: 'datasource',
  type: 'hcp-packer-artifact',
  settings: [
    { name: 'bucket_name', type: 'string', required: true, description: 'The bucket of the artifact.' },
    { name: 'channel_name', type: 'string', description: 'Read the version this channel points at.' },
    { name: 'version_fingerprint', type: 'string', description: 'Read this version (instead of a channel).' },
    { name: 'platform', type: 'string', required: true, description: 'aws, azure, gce, ...' },
    { name: 'region', type: 'string', required: true, description: 'The region of the artifact.' },
    {
      name: 'component_type',
      type: 'string',
      description: 'The builder that made it, e.g. amazon-ebs.example.',
    },
  ],
};

function error(summary: string, detail: string): Diagnostic {
  return { severity: 'error', summary, detail };
}

/**
 * `hcp-packer-artifact`: one artifact of a version (given by fingerprint or through a channel)
 * for a platform and region, read from Kiln's registry. Output as Packer's: platform,
 * component_type, created_at, build_id, version_id, channel_id, packer_run_uuid,
 * external_identifier, region, labels. A revoked version fails the data source.
 */
export const hcpPackerArtifactDatasource: DatasourcePlugin<HcpPackerArtifactConfig> = {
  kind: 'datasource',
  schema: hcpPackerArtifactSchema,
  prepare(config) {
    const bucketName = requiredString(config, 'bucket_name');
    const channelName = requiredString(config, 'channel_name');
    const versionFingerprint = requiredString(config, 'version_fingerprint');
    const platform = requiredString(config, 'platform');
    const region = requiredString(config, 'region');
    const componentType = requiredString(config, 'component_type');
    const diagnostics: Diagnostic[] = [];
    if (!bucketName) diagnostics.push(error('Missing bucket_name', 'The `bucket_name` must be specified.'));
    if (!channelName && !versionFingerprint)
      diagnostics.push(
        error('Missing version', '`version_fingerprint` or `channel_name` must be specified.'),
      );
    if (channelName && versionFingerprint)
      diagnostics.push(
        error(
          'Conflicting settings',
          '`version_fingerprint` and `channel_name` cannot be specified together.',
        ),
      );
    if (!platform) diagnostics.push(error('Missing platform', 'The `platform` must be specified.'));
    if (!region) diagnostics.push(error('Missing region', 'The `region` must be specified.'));
    if (!bucketName || !platform || !region || diagnostics.length > 0) return { diagnostics };
    return {
      config: {
        bucketName,
        platform,
        region,
        ...(channelName ? { channelName } : {}),
        ...(versionFingerprint ? { versionFingerprint } : {}),
        ...(componentType ? { componentType } : {}),
      },
      diagnostics,
    };
  },
  async execute(config, ctx) {
    const registry = registryFor('hcp-packer-artifact', ctx);
    let fingerprint = config.versionFingerprint ?? '';
    let channelId = '';
    if (config.channelName !== undefined) {
      const version = await registry.lookupChannelVersion({
        bucketName: config.bucketName,
        channelName: config.channelName,
      });
      fingerprint = version.fingerprint;
      channelId = version.channelId;
    }
    const artifact = await registry.lookupArtifact({
      bucketName: config.bucketName,
      versionFingerprint: fingerprint,
      platform: config.platform,
      region: config.region,
      ...(config.componentType === undefined ? {} : { componentType: config.componentType }),
    });
    if (artifact.revoked)
      throw new Error(
        `the version ${artifact.versionId} of bucket "${config.bucketName}" is revoked and cannot be used in builds`,
      );
    return {
      platform: artifact.platform,
      component_type: artifact.componentType,
      created_at: artifact.createdAt,
      build_id: artifact.buildId,
      version_id: artifact.versionId,
      channel_id: channelId,
      packer_run_uuid: artifact.packerRunUuid,
      external_identifier: artifact.externalIdentifier,
      region: artifact.region,
      labels: artifact.labels,
    };
  },
};
