import {
  and,
  asc,
  buildLogLines,
  buildRunSteps,
  buildRuns,
  desc,
  eq,
  gt,
  inArray,
  type SQL,
  servicePrincipals,
  sql,
  templateRevisions,
  templates,
  users,
} from '@kiln/db';
import { type ActorNameColumns, actorNameColumns, principalActorJoin, userActorJoin } from './actor-names.ts';
import type { Queryable } from './queryable.ts';
import type { ProjectScope } from './templates-repository.ts';

export type BuildRunRow = typeof buildRuns.$inferSelect;
export type BuildRunStepRow = typeof buildRunSteps.$inferSelect;
export type BuildLogLineRow = typeof buildLogLines.$inferSelect;
/** A run with its template's name, its revision number and the names of who started it. */
export type BuildRunSummaryRow = BuildRunRow &
  ActorNameColumns & { templateName: string; revisionNumber: number };

const selectRunSummary = (db: Queryable) =>
  db
    .select({
      run: buildRuns,
      templateName: templates.name,
      revisionNumber: templateRevisions.number,
      ...actorNameColumns,
    })
    .from(buildRuns)
    .innerJoin(templates, eq(templates.id, buildRuns.templateId))
    .innerJoin(templateRevisions, eq(templateRevisions.id, buildRuns.templateRevisionId))
    .leftJoin(users, userActorJoin(buildRuns.actorType, buildRuns.actorId))
    .leftJoin(
      servicePrincipals,
      principalActorJoin(buildRuns.actorType, buildRuns.actorId, buildRuns.organizationId),
    );

const toRunSummary = ({
  run,
  ...rest
}: { run: BuildRunRow } & Omit<BuildRunSummaryRow, keyof BuildRunRow>) => ({
  ...run,
  ...rest,
});

export async function insertBuildRun(
  db: Queryable,
  values: typeof buildRuns.$inferInsert,
): Promise<BuildRunRow> {
  const [row] = await db.insert(buildRuns).values(values).returning();
  return row!;
}

/** By id alone: for the worker, which acts for the system on a run it was handed. */
export async function findBuildRunById(db: Queryable, id: string): Promise<BuildRunRow | undefined> {
  const [row] = await db.select().from(buildRuns).where(eq(buildRuns.id, id));
  return row;
}

export async function lockBuildRun(db: Queryable, id: string): Promise<BuildRunRow | undefined> {
  const [row] = await db.select().from(buildRuns).where(eq(buildRuns.id, id)).for('update');
  return row;
}

export async function findBuildRunInScope(
  db: Queryable,
  scope: ProjectScope,
  id: string,
): Promise<BuildRunSummaryRow | undefined> {
  const [row] = await selectRunSummary(db).where(
    and(
      eq(buildRuns.organizationId, scope.organizationId),
      eq(buildRuns.projectId, scope.projectId),
      eq(buildRuns.id, id),
    ),
  );
  return row ? toRunSummary(row) : undefined;
}

export async function listBuildRuns(
  db: Queryable,
  scope: ProjectScope,
  options: { templateId?: string | undefined; limit: number },
): Promise<BuildRunSummaryRow[]> {
  const rows = await selectRunSummary(db)
    .where(
      and(
        eq(buildRuns.organizationId, scope.organizationId),
        eq(buildRuns.projectId, scope.projectId),
        options.templateId ? eq(buildRuns.templateId, options.templateId) : undefined,
      ),
    )
    .orderBy(desc(buildRuns.id))
    .limit(options.limit);
  return rows.map(toRunSummary);
}

export async function findRunExecutionContext(db: Queryable, buildRunId: string) {
  const [row] = await db
    .select({ run: buildRuns, revision: templateRevisions, template: templates })
    .from(buildRuns)
    .innerJoin(templateRevisions, eq(templateRevisions.id, buildRuns.templateRevisionId))
    .innerJoin(templates, eq(templates.id, buildRuns.templateId))
    .where(eq(buildRuns.id, buildRunId));
  return row;
}

export async function updateBuildRun(
  db: Queryable,
  id: string,
  values: Partial<typeof buildRuns.$inferInsert>,
) {
  await db.update(buildRuns).set(values).where(eq(buildRuns.id, id));
}

export async function insertStepsIfMissing(db: Queryable, rows: (typeof buildRunSteps.$inferInsert)[]) {
  if (rows.length === 0) return;
  await db
    .insert(buildRunSteps)
    .values(rows)
    .onConflictDoNothing({
      target: [buildRunSteps.buildRunId, buildRunSteps.buildName, buildRunSteps.stepIndex],
    });
}

export function listSteps(db: Queryable, buildRunId: string): Promise<BuildRunStepRow[]> {
  return db
    .select()
    .from(buildRunSteps)
    .where(eq(buildRunSteps.buildRunId, buildRunId))
    .orderBy(asc(buildRunSteps.buildName), asc(buildRunSteps.stepIndex));
}

export async function updateStep(
  db: Queryable,
  key: { buildRunId: string; buildName: string; stepIndex: number },
  values: StepChanges,
): Promise<boolean> {
  const updated = await db
    .update(buildRunSteps)
    .set(values)
    .where(
      and(
        eq(buildRunSteps.buildRunId, key.buildRunId),
        eq(buildRunSteps.buildName, key.buildName),
        eq(buildRunSteps.stepIndex, key.stepIndex),
      ),
    )
    .returning({ id: buildRunSteps.id });
  return updated.length > 0;
}

export interface StepChanges {
  status?: BuildRunStepRow['status'];
  attempts?: SQL;
  completions?: SQL;
  message?: string | null;
  startedAt?: Date | null;
  finishedAt?: Date | null;
}

export const incrementStepAttempts = () => sql`${buildRunSteps.attempts} + 1`;
export const incrementStepCompletions = () => sql`${buildRunSteps.completions} + 1`;

/**
 * Reserves `count` log sequence numbers for a run. The row lock taken by the update serialises
 * concurrent appenders, so sequences are gap-free and unique per run. Returns the first reserved number.
 */
export async function reserveLogSequence(
  db: Queryable,
  buildRunId: string,
  count: number,
): Promise<number | undefined> {
  const [row] = await db
    .update(buildRuns)
    .set({ lastLogSeq: sql`${buildRuns.lastLogSeq} + ${count}` })
    .where(eq(buildRuns.id, buildRunId))
    .returning({ last: buildRuns.lastLogSeq });
  return row ? row.last - count + 1 : undefined;
}

export async function insertLogLines(db: Queryable, rows: (typeof buildLogLines.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(buildLogLines).values(rows);
}

export function listLogLines(
  db: Queryable,
  buildRunId: string,
  options: { afterSeq: number; limit: number },
): Promise<BuildLogLineRow[]> {
  return db
    .select()
    .from(buildLogLines)
    .where(and(eq(buildLogLines.buildRunId, buildRunId), gt(buildLogLines.seq, options.afterSeq)))
    .orderBy(asc(buildLogLines.seq))
    .limit(options.limit);
}

export function listStepsForRuns(db: Queryable, runIds: string[]): Promise<BuildRunStepRow[]> {
  if (runIds.length === 0) return Promise.resolve([]);
  return db.select().from(buildRunSteps).where(inArray(buildRunSteps.buildRunId, runIds));
}
