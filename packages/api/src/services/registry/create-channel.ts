import type { Actor } from '../../actor.ts';
import { assertUserMayCreateChannel } from '../../domain/channels.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import {
  findBucketByName,
  findChannelByName,
  insertChannel,
} from '../../repositories/registry-repository.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';
import { presentChannel } from './present-registry.ts';

export interface CreateChannelInput {
  org: string;
  project: string;
  bucket: string;
  channel: string;
  restricted?: boolean | undefined;
}

export async function createChannel(db: Queryable, actor: Actor, input: CreateChannelInput) {
  assertUserMayCreateChannel(input.channel);
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'registry.write');
  return inTransaction(db, async (tx) => {
    const bucket = await findBucketByName(tx, access.scope, input.bucket, { lock: true });
    if (!bucket) throw KilnError.notFound(`bucket "${input.bucket}" in project "${input.project}"`);
    if (await findChannelByName(tx, bucket, input.channel)) {
      throw new KilnError('CONFLICT', `channel "${input.channel}" already exists in bucket "${bucket.name}"`);
    }
    const channel = await insertChannel(tx, {
      ...access.scope,
      bucketId: bucket.id,
      name: input.channel,
      managed: false,
      restricted: input.restricted ?? false,
    });
    await insertAuditEvent(tx, {
      ...access.scope,
      actor,
      action: 'registry.channel.created',
      targetType: 'channel',
      targetId: channel.id,
      data: { bucket: bucket.name, channel: channel.name, restricted: channel.restricted },
    });
    return presentChannel(channel);
  });
}
