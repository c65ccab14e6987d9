import type { Actor } from '../../actor.ts';
import { roleAllows } from '../../domain/roles.ts';
import { KilnError } from '../../errors.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import {
  countChannelAssignments,
  findBucketByName,
  findChannelByName,
  findVersionInBucket,
  listArtifacts,
  listBuilds,
} from '../../repositories/registry-repository.ts';
import { recordVersionLookups } from '../../repositories/version-lookups-repository.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';
import { loadBuildParents } from './load-build-parents.ts';
import { presentChannel, presentVersion } from './present-registry.ts';
import { resolveChannelVersion } from './resolve-channel-version.ts';

/**
 * A channel with its version, builds and artifacts nested: what automation resolves. A revoked version is
 * refused with its reason; each answered lookup is recorded (who, through which channel) for revocation
 * previews.
 */
export async function getChannelWithVersion(
  db: Queryable,
  actor: Actor,
  input: { org: string; project: string; bucket: string; channel: string },
) {
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'registry.read');
  const bucket = await findBucketByName(db, access.scope, input.bucket);
  if (!bucket) throw KilnError.notFound(`bucket "${input.bucket}" in project "${input.project}"`);
  const channel = await findChannelByName(db, bucket, input.channel);
  if (!channel || (channel.restricted && !roleAllows(access.role, 'registry.read-restricted'))) {
    throw KilnError.notFound(`channel "${input.channel}" in bucket "${bucket.name}"`);
  }
  if (!channel.versionId) {
    throw KilnError.notFound(
      `a version on channel "${channel.name}" of bucket "${bucket.name}" (none is assigned)`,
    );
  }
  const assigned = await findVersionInBucket(db, bucket, channel.versionId);
  if (!assigned)
    throw new KilnError('INTERNAL', `channel ${channel.id} points at missing version ${channel.versionId}`);
  const now = new Date();
  const { version, rolledBackFrom, revoked } = await resolveChannelVersion(
    db,
    bucket,
    channel,
    assigned,
    now,
  );
  if (!version) {
    const reason = revoked?.revocationMessage ? `: ${revoked.revocationMessage}` : '';
    throw new KilnError(
      'PRECONDITION_FAILED',
      `version ${assigned.name} on channel "${channel.name}" of bucket "${bucket.name}" is revoked${reason}`,
      { details: { revokedVersionId: assigned.id, revokeAt: assigned.revokeAt?.toISOString() ?? null } },
    );
  }
  const builds = await listBuilds(db, [version.id]);
  const artifacts = await listArtifacts(
    db,
    builds.map((b) => b.id),
  );
  const view = {
    organization: { id: access.organization.id, slug: access.organization.slug },
    project: { id: access.project.id, slug: access.project.slug },
    bucket: { id: bucket.id, name: bucket.name },
    channel: presentChannel(channel),
    assignmentCount: await countChannelAssignments(db, channel.id),
    rolledBackFrom: rolledBackFrom ? { id: rolledBackFrom.id, name: rolledBackFrom.name } : null,
    version: presentVersion(
      version,
      builds,
      artifacts,
      now,
      await loadBuildParents(db, access.scope, builds),
    ),
  };
  await recordVersionLookups(db, [
    { scope: access.scope, versionId: version.id, channelName: channel.name, actor, at: now },
  ]);
  return view;
}
