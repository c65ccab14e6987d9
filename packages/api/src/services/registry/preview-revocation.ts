import type { Actor } from '../../actor.ts';
import { revocationEffectTime } from '../../domain/revocation.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import {
  listVersionLookupsSince,
  type VersionLookupWithActorRow,
} from '../../repositories/version-lookups-repository.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';
import { presentActorName } from '../actors/present-actor-name.ts';
import { findRevocationReach } from './find-revocation-reach.ts';
import { findVersionForRevocation } from './find-version-for-revocation.ts';

/** How far back a preview lists who looked the versions up. */
export const LOOKUP_WINDOW_DAYS = 30;

export interface PreviewRevocationInput {
  org: string;
  project: string;
  bucket: string;
  versionId: string;
  revokeAt?: Date | undefined;
  skipDescendants?: boolean | undefined;
}

/**
 * What revoking a version would reach, before it is done: the descendants that inherit it, the channels that
 * roll back (and to which version), and who looked these versions up in the last 30 days.
 */
export async function previewRevocation(db: Queryable, actor: Actor, input: PreviewRevocationInput) {
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'registry.write');
  const now = new Date();
  const version = await findVersionForRevocation(db, access.scope, input);
  const effectAt = revocationEffectTime(input.revokeAt, now);
  const reach = await findRevocationReach(db, access.scope, version, {
    skipDescendants: input.skipDescendants ?? false,
    effectAt,
  });
  const inheriting = new Set(reach.inheriting.map((d) => d.id));
  const reached = [version, ...reach.inheriting];
  const since = new Date(now.getTime() - LOOKUP_WINDOW_DAYS * 86_400_000);
  const lookups = await listVersionLookupsSince(
    db,
    access.scope,
    reached.map((v) => v.id),
    since,
  );
  const byId = new Map(reached.map((v) => [v.id, v]));
  return {
    version: { id: version.id, name: version.name, bucketName: version.bucketName },
    effectAt,
    immediate: effectAt.getTime() === now.getTime(),
    descendants: reach.descendants.map((d) => ({
      id: d.id,
      name: d.name,
      bucketName: d.bucketName,
      fingerprint: d.fingerprint,
      inherits: inheriting.has(d.id),
      ownRevocation: d.revokeAt !== null && d.revocationInheritedFromId !== version.id,
    })),
    channels: reach.channels.map((c) => ({
      id: c.channel.id,
      name: c.channel.name,
      bucketName: c.channel.bucketName,
      managed: c.channel.managed,
      versionId: c.current.id,
      versionName: c.current.name,
      rollbackTo: c.rollbackTo ? { id: c.rollbackTo.id, name: c.rollbackTo.name } : null,
    })),
    lookupWindowDays: LOOKUP_WINDOW_DAYS,
    lookups: summariseLookups(lookups).map((l) => ({
      versionId: l.versionId,
      versionName: byId.get(l.versionId)?.name ?? l.versionId,
      bucketName: byId.get(l.versionId)?.bucketName ?? '',
      channelName: l.channelName || null,
      actorType: l.actorType,
      actorName: presentActorName(l.actorType, l.actorId || null, l),
      count: l.count,
      lastAt: l.lastAt,
    })),
  };
}

/** One entry per version, channel and actor over the window (rows are kept per day), newest first. */
function summariseLookups(rows: VersionLookupWithActorRow[]): VersionLookupWithActorRow[] {
  const merged = new Map<string, VersionLookupWithActorRow>();
  for (const row of rows) {
    const key = [row.versionId, row.channelName, row.actorType, row.actorId].join('\u0000');
    const seen = merged.get(key);
    if (!seen) merged.set(key, { ...row });
    else {
      seen.count += row.count;
      if (row.lastAt > seen.lastAt) seen.lastAt = row.lastAt;
    }
  }
  return [...merged.values()].sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime());
}
