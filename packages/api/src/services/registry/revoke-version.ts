import { type Actor, actorId } from '../../actor.ts';
import {
  assertMayRevoke,
  assertValidRevocationReason,
  inheritedRevocationMessage,
  revocationEffectTime,
} from '../../domain/revocation.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import {
  clearVersionRevocations,
  findBucketByName,
  insertChannelAssignment,
  listVersionsInheritingFrom,
  setChannelVersion,
  setVersionRevocation,
  type VersionWithBucketRow,
} from '../../repositories/registry-repository.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';
import { findRevocationReach } from './find-revocation-reach.ts';
import { findVersionForRevocation } from './find-version-for-revocation.ts';

export interface RevokeVersionInput {
  org: string;
  project: string;
  bucket: string;
  versionId: string;
  reason: string;
  /** When it takes effect; absent or past means now. */
  revokeAt?: Date | undefined;
  /** Leave the descendants alone (by default they inherit the revocation). */
  skipDescendants?: boolean | undefined;
  /** Keep channels on the version where they are (by default they roll back to the previous good version). */
  keepChannels?: boolean | undefined;
}

/**
 * Revokes a complete version now or at a time, with a reason. Its descendants (through recorded ancestry)
 * inherit the revocation, marked with the ancestor, unless skipped. Channels on the revoked versions roll back
 * to their previous good version: at once for a revocation that takes effect now, at read time for a scheduled
 * one. The versions, channel moves, their history and audit events are written in one transaction.
 */
export async function revokeVersion(db: Queryable, actor: Actor, input: RevokeVersionInput) {
  const reason = assertValidRevocationReason(input.reason);
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'registry.write');
  const now = new Date();
  const rollsBack = !input.keepChannels;
  const skipDescendants = input.skipDescendants ?? false;
  return inTransaction(db, async (tx) => {
    // Lock order as elsewhere: bucket, then version.
    await findBucketByName(tx, access.scope, input.bucket, { lock: true });
    const version = await findVersionForRevocation(tx, access.scope, input, { lock: true });
    assertMayRevoke(version, now);
    const effectAt = revocationEffectTime(input.revokeAt, now);
    const immediate = effectAt.getTime() === now.getTime();
    const reach = await findRevocationReach(tx, access.scope, version, {
      skipDescendants,
      effectAt,
      lockChannels: true,
    });
    /** Marks `targets` revoked as of `effectAt` and records one audit event per version. */
    const revoke = async (
      targets: VersionWithBucketRow[],
      values: { message: string; inheritedFrom: VersionWithBucketRow | null },
      data: Record<string, unknown>,
    ) => {
      await setVersionRevocation(
        tx,
        targets.map((v) => v.id),
        {
          revokeAt: effectAt,
          revocationMessage: values.message,
          revokedBy: actorId(actor) ?? 'system',
          revocationInheritedFromId: values.inheritedFrom?.id ?? null,
          revocationRollsBackChannels: rollsBack,
        },
      );
      for (const target of targets) {
        await insertAuditEvent(tx, {
          ...access.scope,
          actor,
          action: immediate ? 'registry.version.revoked' : 'registry.version.revocation-scheduled',
          targetType: 'version',
          targetId: target.id,
          data: {
            bucket: target.bucketName,
            versionName: target.name,
            reason,
            revokeAt: effectAt.toISOString(),
            ...data,
          },
        });
      }
    };

    await revoke(
      [version],
      { message: reason, inheritedFrom: null },
      { skipDescendants, rollsBackChannels: rollsBack, inheritedBy: reach.inheriting.map((d) => d.id) },
    );
    if (skipDescendants) {
      // A revoker who opts out leaves no inheritance behind, not even from an earlier schedule.
      const earlier = await listVersionsInheritingFrom(tx, access.scope, version.id);
      await clearVersionRevocations(
        tx,
        earlier.map((d) => d.id),
      );
    }
    await revoke(
      reach.inheriting,
      { message: inheritedRevocationMessage(version, reason), inheritedFrom: version },
      { inheritedFrom: { id: version.id, bucket: version.bucketName, versionName: version.name } },
    );

    const rolledBack = immediate && rollsBack ? reach.channels : [];
    for (const { channel, current, rollbackTo } of rolledBack) {
      await setChannelVersion(tx, channel.id, rollbackTo?.id ?? null);
      await insertChannelAssignment(tx, {
        ...access.scope,
        channelId: channel.id,
        versionId: rollbackTo?.id ?? null,
        actorType: actor.type,
        actorId: actorId(actor),
        reason: `rolled back: ${current.bucketName} ${current.name} was revoked`,
      });
      await insertAuditEvent(tx, {
        ...access.scope,
        actor,
        action: 'registry.channel.rolled-back',
        targetType: 'channel',
        targetId: channel.id,
        data: {
          bucket: channel.bucketName,
          channel: channel.name,
          fromVersionId: current.id,
          fromVersionName: current.name,
          versionId: rollbackTo?.id ?? null,
          versionName: rollbackTo?.name ?? null,
        },
      });
    }

    return {
      versionId: version.id,
      revokeAt: effectAt,
      immediate,
      inherited: reach.inheriting.map((d) => ({ id: d.id, name: d.name, bucketName: d.bucketName })),
      channels: reach.channels.map(({ channel, current, rollbackTo }) => ({
        name: channel.name,
        bucketName: channel.bucketName,
        fromVersionName: current.name,
        toVersionName: rollsBack ? (rollbackTo?.name ?? null) : current.name,
        moved: immediate && rollsBack,
      })),
    };
  });
}
