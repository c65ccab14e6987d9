import { rollbackTarget } from '../../domain/revocation.ts';
import { revocationState } from '../../domain/versions.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import {
  type BucketRow,
  type ChannelRow,
  findVersionInBucket,
  listRollbackCandidates,
  type VersionRow,
  type VersionWithCreatorRow,
} from '../../repositories/registry-repository.ts';

export interface ResolvedChannelVersion {
  /** The version the channel answers with now; undefined when it has none to answer with. */
  version: VersionWithCreatorRow | undefined;
  /** The version the channel points at, when its scheduled revocation has taken effect and it rolled back. */
  rolledBackFrom: VersionRow | null;
  /** The version the channel points at, when it is revoked and nothing answers in its place. */
  revoked: VersionRow | null;
}

/**
 * What a channel answers with at `now`. A version revoked now already moved its channels; a scheduled revocation
 * that has since taken effect is resolved here, from the effect time: a revocation that rolls channels back
 * answers with the channel's previous good version, one that does not leaves the channel revoked.
 */
export async function resolveChannelVersion(
  db: Queryable,
  bucket: BucketRow,
  channel: ChannelRow,
  current: VersionWithCreatorRow,
  now: Date,
): Promise<ResolvedChannelVersion> {
  if (revocationState(current.revokeAt, now) !== 'revoked') {
    return { version: current, rolledBackFrom: null, revoked: null };
  }
  if (!current.revocationRollsBackChannels)
    return { version: undefined, rolledBackFrom: null, revoked: current };
  const target = rollbackTarget(await listRollbackCandidates(db, channel), new Set([current.id]), now);
  const version = target ? await findVersionInBucket(db, bucket, target.id) : undefined;
  if (!version) return { version: undefined, rolledBackFrom: null, revoked: current };
  return { version, rolledBackFrom: current, revoked: null };
}
