import type { Actor } from '../../actor.ts';
import { roleAllows } from '../../domain/roles.ts';
import { KilnError } from '../../errors.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import {
  findBucketByName,
  listArtifacts,
  listBuilds,
  listChannels,
  listVersions,
} from '../../repositories/registry-repository.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';
import { loadBuildParents } from './load-build-parents.ts';
import { loadRevocationViews } from './load-revocation-views.ts';
import { presentChannel, presentVersion } from './present-registry.ts';
import { resolveChannelVersion } from './resolve-channel-version.ts';

/** The bucket with its versions (builds and artifacts nested) and the channels the actor may see. */
export async function getBucket(
  db: Queryable,
  actor: Actor,
  input: { org: string; project: string; bucket: string },
) {
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'registry.read');
  const bucket = await findBucketByName(db, access.scope, input.bucket);
  if (!bucket) throw KilnError.notFound(`bucket "${input.bucket}" in project "${input.project}"`);
  const versions = await listVersions(db, bucket);
  const builds = await listBuilds(
    db,
    versions.map((v) => v.id),
  );
  const artifacts = await listArtifacts(
    db,
    builds.map((b) => b.id),
  );
  const parents = await loadBuildParents(db, access.scope, builds);
  const seeRestricted = roleAllows(access.role, 'registry.read-restricted');
  const channels = (await listChannels(db, bucket)).filter((c) => seeRestricted || !c.restricted);
  const now = new Date();
  const revocations = await loadRevocationViews(db, access.scope, versions);
  const versionsById = new Map(versions.map((v) => [v.id, v]));
  const presentedChannels = await Promise.all(
    channels.map(async (c) => {
      const current = c.versionId ? versionsById.get(c.versionId) : undefined;
      const resolved = current ? await resolveChannelVersion(db, bucket, c, current, now) : undefined;
      return {
        ...presentChannel(c),
        /** The version the channel answers with now (a scheduled revocation may have rolled it back). */
        effectiveVersionId: resolved?.version?.id ?? null,
        revoked: resolved?.revoked !== null && resolved?.revoked !== undefined,
      };
    }),
  );
  return {
    id: bucket.id,
    name: bucket.name,
    description: bucket.description,
    labels: bucket.labels,
    createdAt: bucket.createdAt,
    updatedAt: bucket.updatedAt,
    versions: versions.map((v) => ({
      ...presentVersion(v, builds, artifacts, now, parents),
      revocation: revocations.get(v.id) ?? null,
    })),
    channels: presentedChannels,
  };
}
