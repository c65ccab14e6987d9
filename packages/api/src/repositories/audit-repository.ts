import {
  and,
  asc,
  auditChainHeads,
  auditEvents,
  desc,
  eq,
  gt,
  gte,
  isNotNull,
  isNull,
  like,
  lt,
  servicePrincipals,
  type SQL,
  sql,
  users,
} from '@kiln/db';
import { ulid } from 'ulid';
import { type Actor, actorId } from '../actor.ts';
import { auditEventHash, type ChainedAuditEvent, storedAuditData } from '../domain/audit-chain.ts';
import { type ActorNameColumns, actorNameColumns, principalActorJoin, userActorJoin } from './actor-names.ts';
import { inTransaction, type Queryable } from './queryable.ts';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type AuditEventWithActorRow = AuditEventRow & ActorNameColumns;

export interface AuditEntry {
  organizationId: string;
  projectId?: string | null;
  actor: Actor;
  action: string;
  targetType: string;
  targetId: string;
  data?: Record<string, unknown>;
}

/**
 * Appends an event to its organization's chain: it takes the chain's head (locking it, so that events of one
 * organization are chained one after another), links to it, and becomes the new head. Call it inside the
 * transaction of the change it records.
 */
export async function insertAuditEvent(db: Queryable, entry: AuditEntry): Promise<void> {
  await inTransaction(db, async (tx) => {
    const [head] = await tx
      .insert(auditChainHeads)
      .values({ organizationId: entry.organizationId, sequence: 0, hash: '' })
      .onConflictDoUpdate({
        target: auditChainHeads.organizationId,
        set: { organizationId: sql`excluded.organization_id` },
      })
      .returning();
    const content = {
      id: ulid(),
      organizationId: entry.organizationId,
      projectId: entry.projectId ?? null,
      actorType: entry.actor.type,
      actorId: actorId(entry.actor),
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      data: storedAuditData(entry.data),
      createdAt: new Date(),
      sequence: head!.sequence + 1,
    };
    const hash = auditEventHash(head!.hash, content);
    await tx.insert(auditEvents).values({ ...content, previousHash: head!.hash, hash });
    await tx
      .update(auditChainHeads)
      .set({ sequence: content.sequence, hash })
      .where(eq(auditChainHeads.organizationId, entry.organizationId));
  });
}

/** Which events to list or export; every field narrows the set. */
export interface AuditFilter {
  /** An exact action, or a prefix ending in `.` or `*` (`registry.` / `registry.version.*`). */
  action?: string | undefined;
  actorType?: 'user' | 'service_principal' | 'system' | undefined;
  actorId?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  projectId?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
}

function filterConditions(filter: AuditFilter): (SQL | undefined)[] {
  const action = filter.action?.trim();
  const prefix = action?.endsWith('*') ? action.slice(0, -1) : action?.endsWith('.') ? action : undefined;
  const escaped = prefix?.replace(/[\\%_]/g, (c) => `\\${c}`);
  return [
    action
      ? escaped !== undefined
        ? like(auditEvents.action, `${escaped}%`)
        : eq(auditEvents.action, action)
      : undefined,
    filter.actorType ? eq(auditEvents.actorType, filter.actorType) : undefined,
    filter.actorId ? eq(auditEvents.actorId, filter.actorId) : undefined,
    filter.targetType ? eq(auditEvents.targetType, filter.targetType) : undefined,
    filter.targetId ? eq(auditEvents.targetId, filter.targetId) : undefined,
    filter.projectId ? eq(auditEvents.projectId, filter.projectId) : undefined,
    filter.since ? gte(auditEvents.createdAt, filter.since) : undefined,
    filter.until ? lt(auditEvents.createdAt, filter.until) : undefined,
  ];
}

export async function listAuditEvents(
  db: Queryable,
  organizationId: string,
  options: { limit: number; beforeId?: string | undefined; filter?: AuditFilter },
): Promise<AuditEventWithActorRow[]> {
  const rows = await db
    .select({ event: auditEvents, ...actorNameColumns })
    .from(auditEvents)
    .leftJoin(users, userActorJoin(auditEvents.actorType, auditEvents.actorId))
    .leftJoin(
      servicePrincipals,
      principalActorJoin(auditEvents.actorType, auditEvents.actorId, auditEvents.organizationId),
    )
    .where(
      and(
        eq(auditEvents.organizationId, organizationId),
        options.beforeId ? lt(auditEvents.id, options.beforeId) : undefined,
        ...filterConditions(options.filter ?? {}),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(options.limit);
  return rows.map(({ event, ...names }) => ({ ...event, ...names }));
}

/** One page of an organization's chained events in chain order, after `afterSequence`. */
export async function listChainedAuditEvents(
  db: Queryable,
  organizationId: string,
  afterSequence: number,
  limit: number,
): Promise<ChainedAuditEvent[]> {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organizationId, organizationId),
        isNotNull(auditEvents.sequence),
        gt(auditEvents.sequence, afterSequence),
      ),
    )
    .orderBy(asc(auditEvents.sequence))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    organizationId: r.organizationId,
    projectId: r.projectId,
    actorType: r.actorType,
    actorId: r.actorId,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    data: r.data,
    createdAt: r.createdAt,
    sequence: r.sequence!,
    previousHash: r.previousHash ?? '',
    hash: r.hash ?? '',
  }));
}

export async function findAuditChainHead(
  db: Queryable,
  organizationId: string,
): Promise<{ sequence: number; hash: string } | undefined> {
  const [row] = await db
    .select({ sequence: auditChainHeads.sequence, hash: auditChainHeads.hash })
    .from(auditChainHeads)
    .where(eq(auditChainHeads.organizationId, organizationId));
  return row;
}

/** Events written before the chain existed: not covered by verification. */
export async function countUnchainedAuditEvents(db: Queryable, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), isNull(auditEvents.sequence)));
  return row?.n ?? 0;
}
