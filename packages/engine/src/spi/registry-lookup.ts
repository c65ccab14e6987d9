/**
 * What the `hcp-packer-version` and `hcp-packer-artifact` data sources read from Kiln's image
 * registry. The engine never reaches the registry itself: the caller of `evaluateDatasources`
 * (the worker, or the API for `validate -evaluate-datasources`) hands an implementation scoped
 * to the template's organization and project. Lookups throw an Error whose message says what
 * was not found (bucket, channel, version or artifact).
 */
export interface RegistryLookup {
  /** The version a channel points at; throws when the bucket or channel is unknown or the channel has no version. */
  lookupChannelVersion(query: { bucketName: string; channelName: string }): Promise<RegistryVersionInfo>;
  /** The artifact of a version for one platform and region (and builder, when given); throws when there is none. */
  lookupArtifact(query: {
    bucketName: string;
    versionFingerprint: string;
    platform: string;
    region: string;
    componentType?: string;
  }): Promise<RegistryArtifactInfo>;
}

export interface RegistryVersionInfo {
  /** The version's ULID. */
  id: string;
  fingerprint: string;
  /** `v1`, `v2`, ...; `v0` while incomplete. */
  name: string;
  bucketName: string;
  /** HCP's status word, e.g. `VERSION_ACTIVE`, `VERSION_REVOKED`. */
  status: string;
  /** Whether the version is revoked now (a scheduled revocation in the future is not). */
  revoked: boolean;
  authorId: string;
  createdAt: string;
  updatedAt: string;
  /** The channel the version was found through. */
  channelId: string;
}

export interface RegistryArtifactInfo {
  externalIdentifier: string;
  platform: string;
  region: string;
  /** The builder (`amazon-ebs.example`) or post-processor that made it. */
  componentType: string;
  createdAt: string;
  buildId: string;
  versionId: string;
  packerRunUuid: string;
  labels: Record<string, string>;
  /** Whether the artifact's version is revoked now. */
  revoked: boolean;
}
