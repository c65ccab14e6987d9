import { and, auditEvents, desc, eq, lt, servicePrincipals, users } from '@kiln/db';
import { type Actor, actorId } from '../actor.ts';
import { type ActorNameColumns, actorNameColumns, principalActorJoin, userActorJoin } from './actor-names.ts';
import type { Queryable } from './queryable.ts';

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

export async function insertAuditEvent(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    organizationId: entry.organizationId,
    projectId: entry.projectId ?? null,
    actorType: entry.actor.type,
    actorId: actorId(entry.actor),
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    data: entry.data ?? {},
  });
}

export async function listAuditEvents(
  db: Queryable,
  organizationId: string,
  options: { limit: number; beforeId?: string | undefined },
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
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(options.limit);
  return rows.map(({ event, ...names }) => ({ ...event, ...names }));
}
