import type { Actor } from '../../actor.ts';
import { roleAllows } from '../../domain/roles.ts';
import { KilnError } from '../../errors.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import {
  findBucketByName,
  findChannelByName,
  listChannelAssignments,
} from '../../repositories/registry-repository.ts';
import { presentActorName } from '../actors/present-actor-name.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';

export async function listChannelHistory(
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
  const rows = await listChannelAssignments(db, channel);
  return rows.map((r) => ({
    id: r.id,
    versionId: r.versionId,
    versionName: r.versionName,
    actorType: r.actorType,
    actorId: r.actorId,
    actorName: presentActorName(r.actorType, r.actorId, r),
    reason: r.reason,
    createdAt: r.createdAt,
  }));
}
