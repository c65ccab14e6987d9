import { inheritsRevocation, rollbackTarget } from '../../domain/revocation.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import {
  type ChannelWithBucketRow,
  listChannelsOnVersions,
  listDescendantVersions,
  listRollbackCandidates,
  type VersionRow,
  type VersionWithBucketRow,
} from '../../repositories/registry-repository.ts';
import type { ProjectScope } from '../../repositories/templates-repository.ts';

export interface ChannelReach {
  channel: ChannelWithBucketRow;
  /** The version the channel points at now: the revoked one or one of its descendants. */
  current: VersionWithBucketRow;
  /** Where it rolls back to; null when no earlier good version exists (it is then left unassigned). */
  rollbackTo: VersionRow | null;
}

export interface RevocationReach {
  /** All descendants through recorded ancestry, nearest first. */
  descendants: VersionWithBucketRow[];
  /** The descendants that take the revocation (those without one of their own). */
  inheriting: VersionWithBucketRow[];
  channels: ChannelReach[];
}

/**
 * What revoking `root` at `effectAt` reaches: its descendants (unless skipped), the channels on it and on the
 * descendants that inherit, and the version each channel would roll back to.
 */
export async function findRevocationReach(
  db: Queryable,
  scope: ProjectScope,
  root: VersionWithBucketRow,
  options: { skipDescendants: boolean; effectAt: Date; lockChannels?: boolean },
): Promise<RevocationReach> {
  const descendants = await listDescendantVersions(db, scope, root.id);
  const inheriting = options.skipDescendants ? [] : descendants.filter((d) => inheritsRevocation(d, root.id));
  const reached = new Map([root, ...inheriting].map((v) => [v.id, v]));
  const channels = await listChannelsOnVersions(db, scope, [...reached.keys()], {
    lock: options.lockChannels ?? false,
  });
  const excluded = new Set(reached.keys());
  const reach: ChannelReach[] = [];
  for (const channel of channels) {
    const candidates = await listRollbackCandidates(db, channel);
    reach.push({
      channel,
      current: reached.get(channel.versionId!)!,
      rollbackTo: rollbackTarget(candidates, excluded, options.effectAt) ?? null,
    });
  }
  return { descendants, inheriting, channels: reach };
}
