import type { Actor } from '../../actor.ts';
import {
  type AuditEventWithActorRow,
  listAuditEvents as listRows,
} from '../../repositories/audit-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { resolveOrganizationAccess } from '../access/resolve-access.ts';
import { presentActorName } from '../actors/present-actor-name.ts';
import { type AuditFilterInput, resolveAuditFilter } from './resolve-audit-filter.ts';

export function presentAuditEvent(e: AuditEventWithActorRow) {
  return {
    id: e.id,
    sequence: e.sequence,
    projectId: e.projectId,
    actorType: e.actorType,
    actorId: e.actorId,
    actorName: presentActorName(e.actorType, e.actorId, e),
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    data: e.data,
    createdAt: e.createdAt,
    hash: e.hash,
  };
}

export async function listAuditEvents(
  db: Queryable,
  actor: Actor,
  input: {
    org: string;
    limit?: number | undefined;
    beforeId?: string | undefined;
    filter?: AuditFilterInput;
  },
) {
  const access = await resolveOrganizationAccess(db, actor, input.org, 'audit.read');
  const limit = Math.min(Math.max(input.limit ?? 100, 1), 500);
  const filter = await resolveAuditFilter(db, access, input.filter ?? {});
  const rows = await listRows(db, access.organization.id, { limit, beforeId: input.beforeId, filter });
  return rows.map(presentAuditEvent);
}
