import { versionDisplayStatus } from '../../domain/versions.ts';
import type {
  ArtifactRow,
  BuildRow,
  ChannelRow,
  VersionWithCreatorRow,
} from '../../repositories/registry-repository.ts';
import { presentCreatorName } from '../actors/present-actor-name.ts';
import type { BuildParentView } from './load-build-parents.ts';

export function presentArtifact(a: ArtifactRow) {
  return { id: a.id, externalIdentifier: a.externalIdentifier, region: a.region, createdAt: a.createdAt };
}

export function presentBuild(
  b: BuildRow,
  artifacts: ArtifactRow[],
  parents: ReadonlyMap<string, BuildParentView> = new Map(),
) {
  return {
    id: b.id,
    componentType: b.componentType,
    platform: b.platform,
    status: b.status,
    labels: b.labels,
    metadata: b.metadata,
    sourceExternalIdentifier: b.sourceExternalIdentifier,
    parentVersionId: b.parentVersionId,
    parentChannelId: b.parentChannelId,
    parent: parents.get(b.id) ?? null,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
    artifacts: artifacts.filter((a) => a.buildId === b.id).map(presentArtifact),
  };
}

export function presentVersion(
  v: VersionWithCreatorRow,
  builds: BuildRow[],
  artifacts: ArtifactRow[],
  now: Date,
  parents: ReadonlyMap<string, BuildParentView> = new Map(),
) {
  return {
    id: v.id,
    fingerprint: v.fingerprint,
    name: v.name,
    status: versionDisplayStatus(v, now),
    templateType: v.templateType,
    buildRunId: v.buildRunId,
    createdBy: v.createdBy,
    createdByName: presentCreatorName(v.createdBy, v),
    revokeAt: v.revokeAt,
    revocationMessage: v.revocationMessage,
    revokedBy: v.revokedBy,
    revocationInheritedFromId: v.revocationInheritedFromId,
    revocationRollsBackChannels: v.revocationRollsBackChannels,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    builds: builds.filter((b) => b.versionId === v.id).map((b) => presentBuild(b, artifacts, parents)),
  };
}

export function presentChannel(c: ChannelRow) {
  return {
    id: c.id,
    name: c.name,
    managed: c.managed,
    restricted: c.restricted,
    versionId: c.versionId,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
