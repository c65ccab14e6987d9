import { and, asc, buildResources, buildRuns, eq, inArray, type LedgerStatusValue } from '@kiln/db';
import type { Queryable } from './queryable.ts';
import type { ProjectScope } from './templates-repository.ts';

export type BuildResourceRow = typeof buildResources.$inferSelect;

/** Inserts an intended resource unless (run, build, key) has one; returns the row as it stands. */
export async function insertBuildResourceIfMissing(
  db: Queryable,
  values: typeof buildResources.$inferInsert,
): Promise<BuildResourceRow> {
  await db
    .insert(buildResources)
    .values(values)
    .onConflictDoNothing({
      target: [buildResources.buildRunId, buildResources.buildName, buildResources.resourceKey],
    });
  const row = await findBuildResource(db, values.buildRunId, values.buildName, values.resourceKey);
  return row!;
}

export async function findBuildResource(
  db: Queryable,
  buildRunId: string,
  buildName: string,
  resourceKey: string,
): Promise<BuildResourceRow | undefined> {
  const [row] = await db
    .select()
    .from(buildResources)
    .where(
      and(
        eq(buildResources.buildRunId, buildRunId),
        eq(buildResources.buildName, buildName),
        eq(buildResources.resourceKey, resourceKey),
      ),
    );
  return row;
}

export async function updateBuildResource(
  db: Queryable,
  key: { buildRunId: string; buildName: string; resourceKey: string },
  values: Partial<Pick<BuildResourceRow, 'status' | 'externalId' | 'data' | 'reason'>>,
): Promise<BuildResourceRow | undefined> {
  const [row] = await db
    .update(buildResources)
    .set({ ...values, updatedAt: new Date() })
    .where(
      and(
        eq(buildResources.buildRunId, key.buildRunId),
        eq(buildResources.buildName, key.buildName),
        eq(buildResources.resourceKey, key.resourceKey),
      ),
    )
    .returning();
  return row;
}

/** A run's resources (of one build, when given), in the order they were intended. */
export async function listBuildResources(
  db: Queryable,
  buildRunId: string,
  buildName?: string,
): Promise<BuildResourceRow[]> {
  return db
    .select()
    .from(buildResources)
    .where(
      buildName === undefined
        ? eq(buildResources.buildRunId, buildRunId)
        : and(eq(buildResources.buildRunId, buildRunId), eq(buildResources.buildName, buildName)),
    )
    .orderBy(asc(buildResources.id));
}

/** A project's resources in the given statuses, for the orphan list. */
export async function listProjectBuildResources(
  db: Queryable,
  scope: ProjectScope,
  statuses: LedgerStatusValue[],
): Promise<BuildResourceRow[]> {
  return db
    .select()
    .from(buildResources)
    .where(
      and(
        eq(buildResources.organizationId, scope.organizationId),
        eq(buildResources.projectId, scope.projectId),
        inArray(buildResources.status, statuses),
      ),
    )
    .orderBy(asc(buildResources.id));
}

/** Resources still intended or created whose run has ended: what the sweeper reaps. */
export async function listUnreapedResourcesOfEndedRuns(
  db: Queryable,
  limit: number,
): Promise<BuildResourceRow[]> {
  const rows = await db
    .select({ resource: buildResources })
    .from(buildResources)
    .innerJoin(buildRuns, eq(buildRuns.id, buildResources.buildRunId))
    .where(
      and(
        inArray(buildResources.status, ['intended', 'created']),
        inArray(buildRuns.status, ['succeeded', 'failed', 'cancelled']),
      ),
    )
    .orderBy(asc(buildResources.id))
    .limit(limit);
  return rows.map((r) => r.resource);
}
