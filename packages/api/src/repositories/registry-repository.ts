import {
  and,
  artifacts,
  asc,
  buckets,
  builds,
  channelAssignments,
  channels,
  count,
  desc,
  eq,
  inArray,
  isNotNull,
  max,
  servicePrincipals,
  sql,
  users,
  versions,
} from '@kiln/db';
import {
  type ActorNameColumns,
  actorNameColumns,
  principalActorJoin,
  principalByIdJoin,
  userActorJoin,
  userByIdJoin,
} from './actor-names.ts';
import type { AnyColumn } from 'drizzle-orm';
import type { Queryable } from './queryable.ts';
import type { ProjectScope } from './templates-repository.ts';

export type BucketRow = typeof buckets.$inferSelect;
export type VersionRow = typeof versions.$inferSelect;
export type BuildRow = typeof builds.$inferSelect;
export type ArtifactRow = typeof artifacts.$inferSelect;
export type ChannelRow = typeof channels.$inferSelect;
export type ChannelAssignmentRow = typeof channelAssignments.$inferSelect;
/** A version with the names of who created it, joined in the same query. */
export type VersionWithCreatorRow = VersionRow & ActorNameColumns;
/** An assignment with the assigned version's name and the names of who assigned it. */
export type ChannelAssignmentWithNamesRow = ChannelAssignmentRow &
  ActorNameColumns & { versionName: string | null };

const selectVersionWithCreator = (db: Queryable) =>
  db
    .select({ version: versions, ...actorNameColumns })
    .from(versions)
    .leftJoin(users, userByIdJoin(versions.createdBy))
    .leftJoin(servicePrincipals, principalByIdJoin(versions.createdBy, versions.organizationId));

const withCreator = (row: { version: VersionRow } & ActorNameColumns): VersionWithCreatorRow => {
  const { version, ...names } = row;
  return { ...version, ...names };
};

/** The rows of a tenant-scoped table that belong to the project. */
const inProject = (table: { organizationId: AnyColumn; projectId: AnyColumn }, scope: ProjectScope) =>
  and(eq(table.organizationId, scope.organizationId), eq(table.projectId, scope.projectId));

const bucketScope = (scope: ProjectScope) => inProject(buckets, scope);

export async function findBucketByName(
  db: Queryable,
  scope: ProjectScope,
  name: string,
  options: { lock?: boolean } = {},
): Promise<BucketRow | undefined> {
  const query = db
    .select()
    .from(buckets)
    .where(and(bucketScope(scope), eq(buckets.name, name)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export function listBuckets(db: Queryable, scope: ProjectScope): Promise<BucketRow[]> {
  return db.select().from(buckets).where(bucketScope(scope)).orderBy(buckets.name);
}

/** Inserts the bucket unless it exists; `created` tells which. */
export async function insertBucketIfMissing(
  db: Queryable,
  values: typeof buckets.$inferInsert,
): Promise<{ bucket: BucketRow; created: boolean }> {
  const inserted = await db
    .insert(buckets)
    .values(values)
    .onConflictDoNothing({ target: [buckets.projectId, buckets.name] })
    .returning();
  if (inserted[0]) return { bucket: inserted[0], created: true };
  const scope = { organizationId: values.organizationId, projectId: values.projectId };
  return { bucket: (await findBucketByName(db, scope, values.name))!, created: false };
}

export async function updateBucket(db: Queryable, id: string, values: Partial<typeof buckets.$inferInsert>) {
  await db
    .update(buckets)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(buckets.id, id));
}

export async function insertVersionIfMissing(
  db: Queryable,
  values: typeof versions.$inferInsert,
): Promise<{ version: VersionRow; created: boolean }> {
  const inserted = await db
    .insert(versions)
    .values(values)
    .onConflictDoNothing({ target: [versions.bucketId, versions.fingerprint] })
    .returning();
  if (inserted[0]) return { version: inserted[0], created: true };
  const [existing] = await db
    .select()
    .from(versions)
    .where(and(eq(versions.bucketId, values.bucketId), eq(versions.fingerprint, values.fingerprint)));
  return { version: existing!, created: false };
}

export async function findVersionByFingerprint(
  db: Queryable,
  bucketId: string,
  fingerprint: string,
  options: { lock?: boolean } = {},
): Promise<VersionRow | undefined> {
  const query = db
    .select()
    .from(versions)
    .where(and(eq(versions.bucketId, bucketId), eq(versions.fingerprint, fingerprint)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/** A version of the project by id, whatever its bucket. */
export async function findVersionInProject(
  db: Queryable,
  scope: ProjectScope,
  versionId: string,
  options: { lock?: boolean } = {},
): Promise<VersionRow | undefined> {
  const query = db
    .select()
    .from(versions)
    .where(and(inProject(versions, scope), eq(versions.id, versionId)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function findVersionInBucket(
  db: Queryable,
  bucket: BucketRow,
  versionId: string,
): Promise<VersionWithCreatorRow | undefined> {
  const [row] = await selectVersionWithCreator(db).where(
    and(
      eq(versions.organizationId, bucket.organizationId),
      eq(versions.projectId, bucket.projectId),
      eq(versions.bucketId, bucket.id),
      eq(versions.id, versionId),
    ),
  );
  return row ? withCreator(row) : undefined;
}

export async function listVersions(db: Queryable, bucket: BucketRow): Promise<VersionWithCreatorRow[]> {
  const rows = await selectVersionWithCreator(db)
    .where(
      and(
        eq(versions.organizationId, bucket.organizationId),
        eq(versions.projectId, bucket.projectId),
        eq(versions.bucketId, bucket.id),
      ),
    )
    .orderBy(desc(versions.id));
  return rows.map(withCreator);
}

export async function highestVersionSequence(db: Queryable, bucketId: string): Promise<number | null> {
  const [row] = await db
    .select({ highest: max(versions.sequence) })
    .from(versions)
    .where(eq(versions.bucketId, bucketId));
  return row?.highest ?? null;
}

export async function updateVersion(
  db: Queryable,
  id: string,
  values: Partial<typeof versions.$inferInsert>,
) {
  await db
    .update(versions)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(versions.id, id));
}

export async function countVersions(db: Queryable, bucketId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(versions).where(eq(versions.bucketId, bucketId));
  return row?.n ?? 0;
}

export async function insertBuildsIfMissing(db: Queryable, rows: (typeof builds.$inferInsert)[]) {
  if (rows.length === 0) return;
  await db
    .insert(builds)
    .values(rows)
    .onConflictDoNothing({ target: [builds.versionId, builds.componentType] });
}

export function listBuilds(db: Queryable, versionIds: string[]): Promise<BuildRow[]> {
  if (versionIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(builds)
    .where(inArray(builds.versionId, versionIds))
    .orderBy(asc(builds.componentType));
}

export async function findBuild(
  db: Queryable,
  versionId: string,
  componentType: string,
): Promise<BuildRow | undefined> {
  const [row] = await db
    .select()
    .from(builds)
    .where(and(eq(builds.versionId, versionId), eq(builds.componentType, componentType)));
  return row;
}

export async function updateBuild(db: Queryable, id: string, values: Partial<typeof builds.$inferInsert>) {
  await db
    .update(builds)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(builds.id, id));
}

export async function insertArtifactsIfMissing(db: Queryable, rows: (typeof artifacts.$inferInsert)[]) {
  if (rows.length === 0) return;
  await db
    .insert(artifacts)
    .values(rows)
    .onConflictDoNothing({ target: [artifacts.buildId, artifacts.region, artifacts.externalIdentifier] });
}

export function listArtifacts(db: Queryable, buildIds: string[]): Promise<ArtifactRow[]> {
  if (buildIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(artifacts)
    .where(inArray(artifacts.buildId, buildIds))
    .orderBy(asc(artifacts.region), asc(artifacts.id));
}

export async function insertChannel(
  db: Queryable,
  values: typeof channels.$inferInsert,
): Promise<ChannelRow> {
  const [row] = await db.insert(channels).values(values).returning();
  return row!;
}

export async function insertChannelIfMissing(db: Queryable, values: typeof channels.$inferInsert) {
  await db
    .insert(channels)
    .values(values)
    .onConflictDoNothing({ target: [channels.bucketId, channels.name] });
}

export async function findChannelByName(
  db: Queryable,
  bucket: BucketRow,
  name: string,
  options: { lock?: boolean } = {},
): Promise<ChannelRow | undefined> {
  const query = db
    .select()
    .from(channels)
    .where(
      and(
        eq(channels.organizationId, bucket.organizationId),
        eq(channels.projectId, bucket.projectId),
        eq(channels.bucketId, bucket.id),
        eq(channels.name, name),
      ),
    );
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export function listChannels(db: Queryable, bucket: BucketRow): Promise<ChannelRow[]> {
  return db
    .select()
    .from(channels)
    .where(
      and(
        eq(channels.organizationId, bucket.organizationId),
        eq(channels.projectId, bucket.projectId),
        eq(channels.bucketId, bucket.id),
      ),
    )
    .orderBy(channels.name);
}

export async function setChannelVersion(db: Queryable, channelId: string, versionId: string | null) {
  await db.update(channels).set({ versionId, updatedAt: new Date() }).where(eq(channels.id, channelId));
}

export async function insertChannelAssignment(db: Queryable, values: typeof channelAssignments.$inferInsert) {
  await db.insert(channelAssignments).values(values);
}

export async function listChannelAssignments(
  db: Queryable,
  channel: ChannelRow,
): Promise<ChannelAssignmentWithNamesRow[]> {
  const rows = await db
    .select({ assignment: channelAssignments, versionName: versions.name, ...actorNameColumns })
    .from(channelAssignments)
    .leftJoin(versions, eq(versions.id, channelAssignments.versionId))
    .leftJoin(users, userActorJoin(channelAssignments.actorType, channelAssignments.actorId))
    .leftJoin(
      servicePrincipals,
      principalActorJoin(
        channelAssignments.actorType,
        channelAssignments.actorId,
        channelAssignments.organizationId,
      ),
    )
    .where(
      and(
        eq(channelAssignments.organizationId, channel.organizationId),
        eq(channelAssignments.projectId, channel.projectId),
        eq(channelAssignments.channelId, channel.id),
      ),
    )
    .orderBy(desc(channelAssignments.id));
  return rows.map(({ assignment, ...names }) => ({ ...assignment, ...names }));
}

export async function countChannelAssignments(db: Queryable, channelId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(channelAssignments)
    .where(eq(channelAssignments.channelId, channelId));
  return row?.n ?? 0;
}

/** Names of versions of the project by id, with their bucket's name: what a build's parent shows. */
export function listVersionNames(
  db: Queryable,
  scope: ProjectScope,
  versionIds: string[],
): Promise<{ id: string; name: string; bucketName: string }[]> {
  if (versionIds.length === 0) return Promise.resolve([]);
  return db
    .select({ id: versions.id, name: versions.name, bucketName: buckets.name })
    .from(versions)
    .innerJoin(buckets, eq(buckets.id, versions.bucketId))
    .where(and(inProject(versions, scope), inArray(versions.id, versionIds)));
}

/** Names of channels of the project by id. */
export function listChannelNames(
  db: Queryable,
  scope: ProjectScope,
  channelIds: string[],
): Promise<{ id: string; name: string }[]> {
  if (channelIds.length === 0) return Promise.resolve([]);
  return db
    .select({ id: channels.id, name: channels.name })
    .from(channels)
    .where(and(inProject(channels, scope), inArray(channels.id, channelIds)));
}

/** A version with its bucket's name: what revocation previews and inherited revocations name. */
export type VersionWithBucketRow = VersionRow & { bucketName: string };

/**
 * Every version of the project built, directly or through other versions, from `rootId` (recorded ancestry:
 * a build's parent version), nearest first. A version reached twice is listed once.
 */
export async function listDescendantVersions(
  db: Queryable,
  scope: ProjectScope,
  rootId: string,
): Promise<VersionWithBucketRow[]> {
  const result = await db.execute<{ id: string; depth: number }>(sql`
    with recursive descendants(id, depth) as (
      select b.version_id, 1 from ${builds} b
       where b.parent_version_id = ${rootId}
         and b.organization_id = ${scope.organizationId} and b.project_id = ${scope.projectId}
      union
      select b.version_id, d.depth + 1 from ${builds} b join descendants d on b.parent_version_id = d.id
       where b.organization_id = ${scope.organizationId} and b.project_id = ${scope.projectId}
         and d.depth < 64
    )
    select id, min(depth)::int as depth from descendants where id <> ${rootId} group by id`);
  const depthOf = new Map(result.rows.map((r) => [r.id, r.depth]));
  const rows = await listVersionsWithBucket(db, scope, [...depthOf.keys()]);
  return rows.sort((a, b) => depthOf.get(a.id)! - depthOf.get(b.id)! || a.id.localeCompare(b.id));
}

export async function listVersionsWithBucket(
  db: Queryable,
  scope: ProjectScope,
  versionIds: string[],
): Promise<VersionWithBucketRow[]> {
  if (versionIds.length === 0) return [];
  const rows = await db
    .select({ version: versions, bucketName: buckets.name })
    .from(versions)
    .innerJoin(buckets, eq(buckets.id, versions.bucketId))
    .where(and(inProject(versions, scope), inArray(versions.id, versionIds)));
  return rows.map(({ version, bucketName }) => ({ ...version, bucketName }));
}

/** The versions of the project whose revocation was inherited from `ancestorId`. */
export function listVersionsInheritingFrom(
  db: Queryable,
  scope: ProjectScope,
  ancestorId: string,
): Promise<VersionRow[]> {
  return db
    .select()
    .from(versions)
    .where(and(inProject(versions, scope), eq(versions.revocationInheritedFromId, ancestorId)));
}

export async function setVersionRevocation(
  db: Queryable,
  versionIds: string[],
  values: Pick<
    typeof versions.$inferInsert,
    | 'revokeAt'
    | 'revocationMessage'
    | 'revokedBy'
    | 'revocationInheritedFromId'
    | 'revocationRollsBackChannels'
  >,
) {
  if (versionIds.length === 0) return;
  await db
    .update(versions)
    .set({ ...values, updatedAt: new Date() })
    .where(inArray(versions.id, versionIds));
}

export function clearVersionRevocations(db: Queryable, versionIds: string[]) {
  return setVersionRevocation(db, versionIds, {
    revokeAt: null,
    revocationMessage: null,
    revokedBy: null,
    revocationInheritedFromId: null,
    revocationRollsBackChannels: false,
  });
}

/** A channel with its bucket's name. */
export type ChannelWithBucketRow = ChannelRow & { bucketName: string };

/** The channels of the project that point at one of `versionIds`. */
export async function listChannelsOnVersions(
  db: Queryable,
  scope: ProjectScope,
  versionIds: string[],
  options: { lock?: boolean } = {},
): Promise<ChannelWithBucketRow[]> {
  if (versionIds.length === 0) return [];
  const query = db
    .select({ channel: channels, bucketName: buckets.name })
    .from(channels)
    .innerJoin(buckets, eq(buckets.id, channels.bucketId))
    .where(and(inProject(channels, scope), inArray(channels.versionId, versionIds)))
    .orderBy(asc(buckets.name), asc(channels.name));
  const rows = options.lock ? await query.for('update', { of: channels }) : await query;
  return rows.map(({ channel, bucketName }) => ({ ...channel, bucketName }));
}

/**
 * The versions a channel could roll back to, best first: for the managed channel every complete version of
 * its bucket, newest first; for a user channel the versions it was assigned, most recent assignment first.
 */
export async function listRollbackCandidates(db: Queryable, channel: ChannelRow): Promise<VersionRow[]> {
  if (channel.managed) {
    return db
      .select()
      .from(versions)
      .where(and(eq(versions.bucketId, channel.bucketId), isNotNull(versions.sequence)))
      .orderBy(desc(versions.sequence));
  }
  const rows = await db
    .select({ version: versions })
    .from(channelAssignments)
    .innerJoin(versions, eq(versions.id, channelAssignments.versionId))
    .where(eq(channelAssignments.channelId, channel.id))
    .orderBy(desc(channelAssignments.id));
  const unique = new Map<string, VersionRow>();
  for (const { version } of rows) if (!unique.has(version.id)) unique.set(version.id, version);
  return [...unique.values()];
}
