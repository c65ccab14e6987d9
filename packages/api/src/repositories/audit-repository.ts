import { and, auditEvents, desc, eq, lt } from '@kiln/db';
import { type Actor, actorId } from '../actor.ts';
import type { Queryable } from './queryable.ts';

export type AuditEventRow = typeof auditEvents.$inferSelect;

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

export function listAuditEvents(
  db: Queryable,
  organizationId: string,
  options: { limit: number; beforeId?: string | undefined },
): Promise<AuditEventRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organizationId, organizationId),
        options.beforeId ? lt(auditEvents.id, options.beforeId) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(options.limit);
}
