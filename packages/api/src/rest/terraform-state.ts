import { createHash } from 'node:crypto';
import type { getChannelWithVersion } from '../services/registry/get-channel-with-version.ts';

type ChannelView = Awaited<ReturnType<typeof getChannelWithVersion>>;

/** Terraform's JSON encoding of a type: `"string"`, `["map", "string"]`, ... */
type TerraformType = string | [string, TerraformType];

interface TerraformOutput {
  value: unknown;
  type: TerraformType;
}

export interface TerraformStateV4 {
  version: 4;
  terraform_version: string;
  serial: number;
  lineage: string;
  outputs: Record<string, TerraformOutput>;
  resources: [];
}

/** Oldest Terraform that reads state v4; newer binaries accept state written by older ones. */
const TERRAFORM_VERSION = '1.0.0';

const str = (value: string): TerraformOutput => ({ value, type: 'string' });

/** A UUID-shaped lineage derived from the channel id, so it is stable for the channel's life. */
export function channelLineage(channelId: string): string {
  const hex = createHash('sha256').update(`kiln-channel:${channelId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The channel's current version as a Terraform state whose outputs `terraform_remote_state` can read. */
export function toTerraformState(view: ChannelView): TerraformStateV4 {
  const artifactsByPlatform: Record<string, Record<string, string>> = {};
  const artifactIds: Record<string, string> = {};
  for (const build of view.version.builds) {
    const platform = build.platform || build.componentType;
    const regions = artifactsByPlatform[platform] ?? {};
    artifactsByPlatform[platform] = regions;
    for (const artifact of build.artifacts) {
      regions[artifact.region] ??= artifact.externalIdentifier;
      artifactIds[`${build.componentType}.${artifact.region}`] ??= artifact.externalIdentifier;
    }
  }
  return {
    version: 4,
    terraform_version: TERRAFORM_VERSION,
    serial: Math.max(view.assignmentCount, 1),
    lineage: channelLineage(view.channel.id),
    outputs: {
      bucket: str(view.bucket.name),
      channel: str(view.channel.name),
      version_id: str(view.version.id),
      version_name: str(view.version.name),
      fingerprint: str(view.version.fingerprint),
      artifacts: { value: artifactsByPlatform, type: ['map', ['map', 'string']] },
      artifact_ids: { value: artifactIds, type: ['map', 'string'] },
    },
    resources: [],
  };
}
