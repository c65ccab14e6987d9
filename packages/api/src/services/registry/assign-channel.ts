import { type Actor, actorId } from '../../actor.ts';
import { assertUserMayAssign, assertUserMayCreateChannel } from '../../domain/channels.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import {
  findBucketByName,
  findChannelByName,
  findVersionInBucket,
  insertChannel,
  insertChannelAssignment,
  setChannelVersion,
} from '../../repositories/registry-repository.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';
import { presentChannel } from './present-registry.ts';

export interface AssignChannelInput {
  org: string;
  project: string;
  bucket: string;
  channel: string;
  versionId: string;
}

/**
 * Points a user channel at a complete, unrevoked version, creating the channel when missing. The channel,
 * its history row and the audit event are written in one transaction.
 */
export async function assignChannel(db: Queryable, actor: Actor, input: AssignChannelInput) {
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'registry.write');
  return inTransaction(db, async (tx) => {
    const bucket = await findBucketByName(tx, access.scope, input.bucket, { lock: true });
    if (!bucket) throw KilnError.notFound(`bucket "${input.bucket}" in project "${input.project}"`);
    const version = await findVersionInBucket(tx, bucket, input.versionId);
    if (!version) throw KilnError.notFound(`version ${input.versionId} in bucket "${bucket.name}"`);

    let channel = await findChannelByName(tx, bucket, input.channel, { lock: true });
    let created = false;
    if (!channel) {
      assertUserMayCreateChannel(input.channel);
      channel = await insertChannel(tx, { ...access.scope, bucketId: bucket.id, name: input.channel });
      created = true;
    }
    assertUserMayAssign(channel, version, new Date());

    const previousVersionId = channel.versionId;
    await setChannelVersion(tx, channel.id, version.id);
    await insertChannelAssignment(tx, {
      ...access.scope,
      channelId: channel.id,
      versionId: version.id,
      actorType: actor.type,
      actorId: actorId(actor),
    });
    await insertAuditEvent(tx, {
      ...access.scope,
      actor,
      action: 'registry.channel.assigned',
      targetType: 'channel',
      targetId: channel.id,
      data: {
        bucket: bucket.name,
        channel: channel.name,
        versionId: version.id,
        versionName: version.name,
        previousVersionId,
        channelCreated: created,
      },
    });
    return presentChannel({ ...channel, versionId: version.id });
  });
}
