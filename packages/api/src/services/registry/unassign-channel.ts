import { type Actor, actorId } from '../../actor.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import {
  findBucketByName,
  findChannelByName,
  insertChannelAssignment,
  setChannelVersion,
} from '../../repositories/registry-repository.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';
import { presentChannel } from './present-registry.ts';

/**
 * Leaves a user channel without a version (its lookups then answer not found); the history gets a row with no
 * version. The managed `latest` channel cannot be unassigned.
 */
export async function unassignChannel(
  db: Queryable,
  actor: Actor,
  input: { org: string; project: string; bucket: string; channel: string },
) {
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'registry.write');
  return inTransaction(db, async (tx) => {
    const bucket = await findBucketByName(tx, access.scope, input.bucket, { lock: true });
    if (!bucket) throw KilnError.notFound(`bucket "${input.bucket}" in project "${input.project}"`);
    const channel = await findChannelByName(tx, bucket, input.channel, { lock: true });
    if (!channel) throw KilnError.notFound(`channel "${input.channel}" in bucket "${bucket.name}"`);
    if (channel.managed) {
      throw new KilnError(
        'PRECONDITION_FAILED',
        `channel "${channel.name}" is managed by Kiln: it follows the newest complete version and cannot be unassigned`,
      );
    }
    if (!channel.versionId) return presentChannel(channel);
    await setChannelVersion(tx, channel.id, null);
    await insertChannelAssignment(tx, {
      ...access.scope,
      channelId: channel.id,
      versionId: null,
      actorType: actor.type,
      actorId: actorId(actor),
    });
    await insertAuditEvent(tx, {
      ...access.scope,
      actor,
      action: 'registry.channel.unassigned',
      targetType: 'channel',
      targetId: channel.id,
      data: { bucket: bucket.name, channel: channel.name, previousVersionId: channel.versionId },
    });
    return presentChannel({ ...channel, versionId: null });
  });
}
