import { integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, ulidId } from './columns.ts';
import { organizationRef, projectRef } from './tenancy.ts';

export const templates = pgTable(
  'templates',
  {
    id: ulidId(),
    organizationId: organizationRef(),
    projectId: projectRef(),
    name: text('name').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('templates_project_name_unique').on(t.projectId, t.name)],
);

export const templateRevisions = pgTable(
  'template_revisions',
  {
    id: ulidId(),
    organizationId: organizationRef(),
    projectId: projectRef(),
    templateId: text('template_id')
      .notNull()
      .references(() => templates.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    filename: text('filename').notNull(),
    content: text('content').notNull(),
    sha256: text('sha256').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('template_revisions_template_number_unique').on(t.templateId, t.number)],
);
