import { and, desc, eq, max, templateRevisions, templates } from '@kiln/db';
import type { Queryable } from './queryable.ts';

export type TemplateRow = typeof templates.$inferSelect;
export type TemplateRevisionRow = typeof templateRevisions.$inferSelect;

export interface ProjectScope {
  organizationId: string;
  projectId: string;
}

const inScope = (scope: ProjectScope) =>
  and(eq(templates.organizationId, scope.organizationId), eq(templates.projectId, scope.projectId));

export async function findTemplateByName(
  db: Queryable,
  scope: ProjectScope,
  name: string,
): Promise<TemplateRow | undefined> {
  const [row] = await db
    .select()
    .from(templates)
    .where(and(inScope(scope), eq(templates.name, name)));
  return row;
}

export function listTemplates(db: Queryable, scope: ProjectScope): Promise<TemplateRow[]> {
  return db.select().from(templates).where(inScope(scope)).orderBy(templates.name);
}

export async function findLatestRevision(
  db: Queryable,
  scope: ProjectScope,
  templateId: string,
): Promise<TemplateRevisionRow | undefined> {
  const [row] = await db
    .select()
    .from(templateRevisions)
    .where(
      and(
        eq(templateRevisions.organizationId, scope.organizationId),
        eq(templateRevisions.projectId, scope.projectId),
        eq(templateRevisions.templateId, templateId),
      ),
    )
    .orderBy(desc(templateRevisions.number))
    .limit(1);
  return row;
}

export async function insertTemplate(
  db: Queryable,
  values: typeof templates.$inferInsert,
): Promise<TemplateRow> {
  const [row] = await db.insert(templates).values(values).returning();
  return row!;
}

/** Inserts the next revision; the template row is locked so that concurrent saves number in order. */
export async function insertNextRevision(
  db: Queryable,
  values: Omit<typeof templateRevisions.$inferInsert, 'number'>,
): Promise<TemplateRevisionRow> {
  await db
    .select({ id: templates.id })
    .from(templates)
    .where(eq(templates.id, values.templateId))
    .for('update');
  const [current] = await db
    .select({ highest: max(templateRevisions.number) })
    .from(templateRevisions)
    .where(eq(templateRevisions.templateId, values.templateId));
  const [row] = await db
    .insert(templateRevisions)
    .values({ ...values, number: (current?.highest ?? 0) + 1 })
    .returning();
  return row!;
}
