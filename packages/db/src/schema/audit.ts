import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { actorTypeEnum } from './builds.ts';
import { createdAt, ulidId } from './columns.ts';
import { organizationRef } from './tenancy.ts';

export const auditEvents = pgTable(
  'audit_events',
  {
    id: ulidId(),
    organizationId: organizationRef(),
    projectId: uuid('project_id'),
    actorType: actorTypeEnum('actor_type').notNull(),
    actorId: text('actor_id'),
    /** Dotted verb, e.g. `registry.channel.assigned`. */
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_events_organization_id_idx').on(t.organizationId, t.id)],
);
