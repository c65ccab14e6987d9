import type { DatasourcePlugin, Diagnostic, PluginSchema } from '@kiln/engine';
import { registryFor, requiredString } from './registry.ts';

export interface HcpPackerVersionConfig {
  bucketName: string;
  channelName: string;
}

export const hcpPackerVersionSchema: PluginSchema = {
  kind: 'datasource',
  type: 'hcp-packer-version',
  settings: [
    { name: 'bucket_name', type: 'string', required: true, description: 'The bucket in the registry.' },
    {
      name: 'channel_name',
      type: 'string',
      required: true,
      description: 'The channel whose version is read.',
    },
  ],
};

/**
 * `hcp-packer-version`: the version a channel of a bucket points at, read from Kiln's registry.
 * Output as Packer's: author_id, bucket_name, status, created_at, fingerprint, id, name,
 * updated_at, channel_id. A revoked version fails the data source.
 */
export const hcpPackerVersionDatasource: DatasourcePlugin<HcpPackerVersionConfig> = {
  kind: 'datasource',
  schema: hcpPackerVersionSchema,
  prepare(config) {
    const bucketName = requiredString(config, 'bucket_name');
    const channelName = requiredString(config, 'channel_name');
    const diagnostics: Diagnostic[] = [];
    if (!bucketName)
      diagnostics.push({
        severity: 'error',
        summary: 'Missing bucket_name',
        detail: 'The `bucket_name` must be specified.',
      });
    if (!channelName)
      diagnostics.push({
        severity: 'error',
        summary: 'Missing channel_name',
        detail: 'The `channel_name` must be specified.',
      });
    if (!bucketName || !channelName) return { diagnostics };
    return { config: { bucketName, channelName }, diagnostics };
  },
  async execute(config, ctx) {
    const version = await registryFor('hcp-packer-version', ctx).lookupChannelVersion(config);
    if (version.revoked)
      throw new Error(
        `the version of channel "${config.channelName}" in bucket "${config.bucketName}" is revoked and cannot be used in builds`,
      );
    return {
      author_id: version.authorId,
      bucket_name: version.bucketName,
      status: version.status,
      created_at: version.createdAt,
      fingerprint: version.fingerprint,
      id: version.id,
      name: version.name,
      updated_at: version.updatedAt,
      channel_id: version.channelId,
    };
  },
};
