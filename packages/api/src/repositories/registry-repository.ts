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
  max,
  servicePrincipals,
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

const bucketScope = (scope: ProjectScope) =>
  and(eq(buckets.organizationId, scope.organizationId), eq(buckets.projectId, scope.projectId));

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
): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(versions)
    .where(
      and(
        eq(versions.organizationId, scope.organizationId),
        eq(versions.projectId, scope.projectId),
        eq(versions.id, versionId),
      ),
    );
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
    .where(
      and(
        eq(versions.organizationId, scope.organizationId),
        eq(versions.projectId, scope.projectId),
        inArray(versions.id, versionIds),
      ),
    );
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
    .where(
      and(
        eq(channels.organizationId, scope.organizationId),
        eq(channels.projectId, scope.projectId),
        inArray(channels.id, channelIds),
      ),
    );
}
