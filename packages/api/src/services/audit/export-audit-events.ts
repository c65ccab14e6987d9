import type { Actor } from '../../actor.ts';
import { KilnError } from '../../errors.ts';
import { listAuditEvents } from '../../repositories/audit-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { resolveOrganizationAccess } from '../access/resolve-access.ts';
import { presentAuditEvent } from './list-audit-events.ts';
import { type AuditFilterInput, resolveAuditFilter } from './resolve-audit-filter.ts';

export type AuditExportFormat = 'jsonl' | 'csv';

/** The most events one export holds; narrow the filters for more. */
export const MAX_EXPORTED_EVENTS = 100_000;
const PAGE = 500;

const CSV_COLUMNS = [
  'sequence',
  'id',
  'created_at',
  'project_id',
  'actor_type',
  'actor_id',
  'actor_name',
  'action',
  'target_type',
  'target_id',
  'data',
  'hash',
] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The organization's audit events matching the filters, oldest first, as JSON lines (one event per line) or
 * CSV (a header, then one row per event, `data` as JSON).
 */
export async function exportAuditEvents(
  db: Queryable,
  actor: Actor,
  input: { org: string; format: AuditExportFormat; filter?: AuditFilterInput },
) {
  const access = await resolveOrganizationAccess(db, actor, input.org, 'audit.read');
  const filter = await resolveAuditFilter(db, access, input.filter ?? {});
  const events: ReturnType<typeof presentAuditEvent>[] = [];
  let beforeId: string | undefined;
  for (;;) {
    const page = await listAuditEvents(db, access.organization.id, { limit: PAGE, beforeId, filter });
    events.push(...page.map(presentAuditEvent));
    if (events.length > MAX_EXPORTED_EVENTS) {
      throw new KilnError(
        'INVALID',
        `more than ${MAX_EXPORTED_EVENTS} audit events match; narrow the export with filters (time range, action)`,
      );
    }
    if (page.length < PAGE) break;
    beforeId = page.at(-1)!.id;
  }
  events.reverse();
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '');
  const filename = `audit-${access.organization.slug}-${stamp}.${input.format}`;
  if (input.format === 'jsonl') {
    const body = events
      .map((e) => `${JSON.stringify({ ...e, createdAt: e.createdAt.toISOString() })}\n`)
      .join('');
    return { filename, contentType: 'application/x-ndjson', count: events.length, body };
  }
  const rows = events.map((e) =>
    [
      e.sequence === null ? '' : String(e.sequence),
      e.id,
      e.createdAt.toISOString(),
      e.projectId ?? '',
      e.actorType,
      e.actorId ?? '',
      e.actorName,
      e.action,
      e.targetType,
      e.targetId,
      JSON.stringify(e.data),
      e.hash ?? '',
    ]
      .map(csvField)
      .join(','),
  );
  const body = `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
  return { filename, contentType: 'text/csv; charset=utf-8', count: events.length, body };
}
