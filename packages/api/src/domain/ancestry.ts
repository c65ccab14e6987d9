import type { DatasourceOutputs } from '@kiln/engine';

/** The registry version (and the channel it was read through) that a build was made from. */
export interface ParentVersion {
  versionId: string;
  channelId: string | null;
}

/**
 * HCP Packer's ancestry: when a build's source image is an artifact that an `hcp-packer-artifact`
 * data source of its template read from the registry, that artifact's version is the build's
 * parent. The channel is the one the artifact was read through or, for an artifact read by
 * fingerprint, the channel through which an `hcp-packer-version` data source found that version.
 */
export function parentVersionOf(
  outputs: DatasourceOutputs,
  sourceImageId: string,
): ParentVersion | undefined {
  const artifact = Object.values(outputs['hcp-packer-artifact'] ?? {}).find(
    (output) => output.external_identifier === sourceImageId,
  );
  if (!artifact || typeof artifact.version_id !== 'string' || artifact.version_id === '') return undefined;
  const versionId = artifact.version_id;
  const readThrough = typeof artifact.channel_id === 'string' ? artifact.channel_id : '';
  const throughVersion = Object.values(outputs['hcp-packer-version'] ?? {}).find(
    (output) => output.id === versionId && typeof output.channel_id === 'string' && output.channel_id !== '',
  );
  const channelId = readThrough || (throughVersion?.channel_id as string | undefined) || null;
  return { versionId, channelId };
}
