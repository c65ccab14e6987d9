import { and, desc, eq, gt, inArray, servicePrincipals, sql, users, versionLookups } from '@kiln/db';
import { type Actor, actorId } from '../actor.ts';
import { type ActorNameColumns, actorNameColumns, principalActorJoin, userActorJoin } from './actor-names.ts';
import type { Queryable } from './queryable.ts';
import type { ProjectScope } from './templates-repository.ts';

export type VersionLookupRow = typeof versionLookups.$inferSelect;
export type VersionLookupWithActorRow = VersionLookupRow & ActorNameColumns;

export interface VersionLookupEntry {
  scope: ProjectScope;
  versionId: string;
  channelName: string;
  actor: Actor;
  at: Date;
}

/** Counts lookups per (version, channel, actor, UTC day): one row per day, however many lookups. */
export async function recordVersionLookups(db: Queryable, entries: readonly VersionLookupEntry[]) {
  if (entries.length === 0) return;
  const merged = new Map<string, typeof versionLookups.$inferInsert>();
  for (const e of entries) {
    const row = {
      organizationId: e.scope.organizationId,
      projectId: e.scope.projectId,
      versionId: e.versionId,
      channelName: e.channelName,
      actorType: e.actor.type,
      actorId: actorId(e.actor) ?? '',
      day: e.at.toISOString().slice(0, 10),
      count: 1,
      lastAt: e.at,
    };
    const key = [row.versionId, row.channelName, row.actorType, row.actorId, row.day].join('\u0000');
    const seen = merged.get(key);
    if (seen) {
      seen.count = (seen.count ?? 1) + 1;
      if (row.lastAt > (seen.lastAt as Date)) seen.lastAt = row.lastAt;
    } else merged.set(key, row);
  }
  await db
    .insert(versionLookups)
    .values([...merged.values()])
    .onConflictDoUpdate({
      target: [
        versionLookups.versionId,
        versionLookups.channelName,
        versionLookups.actorType,
        versionLookups.actorId,
        versionLookups.day,
      ],
      set: {
        count: sql`${versionLookups.count} + excluded.count`,
        lastAt: sql`greatest(${versionLookups.lastAt}, excluded.last_at)`,
      },
    });
}

/** Lookups of `versionIds` since `since`, with who looked, newest first. */
export async function listVersionLookupsSince(
  db: Queryable,
  scope: ProjectScope,
  versionIds: string[],
  since: Date,
): Promise<VersionLookupWithActorRow[]> {
  if (versionIds.length === 0) return [];
  const rows = await db
    .select({ lookup: versionLookups, ...actorNameColumns })
    .from(versionLookups)
    .leftJoin(users, userActorJoin(versionLookups.actorType, versionLookups.actorId))
    .leftJoin(
      servicePrincipals,
      principalActorJoin(versionLookups.actorType, versionLookups.actorId, versionLookups.organizationId),
    )
    .where(
      and(
        eq(versionLookups.organizationId, scope.organizationId),
        eq(versionLookups.projectId, scope.projectId),
        inArray(versionLookups.versionId, versionIds),
        gt(versionLookups.lastAt, since),
      ),
    )
    .orderBy(desc(versionLookups.lastAt));
  return rows.map(({ lookup, ...names }) => ({ ...lookup, ...names }));
}
