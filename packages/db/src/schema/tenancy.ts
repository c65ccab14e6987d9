import { pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('projects_organization_slug_unique').on(t.organizationId, t.slug)],
);

/** The owning organization of a row: deleting the organization deletes the row. */
export function organizationRef() {
  return uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });
}

/** The owning project of a row: deleting the project deletes the row. */
export function projectRef() {
  return uuid('project_id')
    .notNull()
    .references(() => projects.id, { onDelete: 'cascade' });
}
