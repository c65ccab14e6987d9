import { bigint, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { actorTypeEnum } from './builds.ts';
import { createdAt, ulidId } from './columns.ts';
import { organizationRef } from './tenancy.ts';

/**
 * Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained per organization: each event
 * carries its place in its organization's chain and the SHA-256 of the previous event's hash and its own
 * content. Events written before the chain existed have no sequence and no hash.
 */
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
    /** 1, 2, ... per organization, without gaps. */
    sequence: bigint('sequence', { mode: 'number' }),
    /** The previous event's hash; the empty string for the first event. */
    previousHash: text('previous_hash'),
    /** Hex SHA-256 over `previousHash` and the event's canonical content. */
    hash: text('hash'),
  },
  (t) => [
    index('audit_events_organization_id_idx').on(t.organizationId, t.id),
    uniqueIndex('audit_events_organization_sequence_unique').on(t.organizationId, t.sequence),
  ],
);

/** The newest event of each organization's chain: what the next event links to, and what verification ends at. */
export const auditChainHeads = pgTable('audit_chain_heads', {
  organizationId: organizationRef().primaryKey(),
  sequence: bigint('sequence', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
