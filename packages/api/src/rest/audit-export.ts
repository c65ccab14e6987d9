import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { KilnError } from '../errors.ts';
import type { Queryable } from '../repositories/queryable.ts';
import { exportAuditEvents } from '../services/audit/export-audit-events.ts';

const Timestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

const QuerySchema = z.strictObject({
  format: z.enum(['jsonl', 'csv']).default('jsonl'),
  action: z.string().min(1).max(128).optional(),
  actor_type: z.enum(['user', 'service_principal', 'system']).optional(),
  actor_id: z.string().min(1).max(64).optional(),
  target_type: z.string().min(1).max(64).optional(),
  target_id: z.string().min(1).max(64).optional(),
  project: z.string().min(1).max(64).optional(),
  since: Timestamp.optional(),
  until: Timestamp.optional(),
});

/** `GET /api/v1/orgs/{org}/audit/export?format=jsonl|csv&action=&since=...`: a file download. */
export async function auditExportResponse(
  db: Queryable,
  actor: Actor,
  org: string,
  query: URLSearchParams,
): Promise<Response> {
  const parsed = QuerySchema.safeParse(Object.fromEntries(query));
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'query'}: ${i.message}`)
      .join('; ');
    throw new KilnError('INVALID', `the export query is invalid: ${problems}`);
  }
  const q = parsed.data;
  const file = await exportAuditEvents(db, actor, {
    org,
    format: q.format,
    filter: {
      action: q.action,
      actorType: q.actor_type,
      actorId: q.actor_id,
      targetType: q.target_type,
      targetId: q.target_id,
      project: q.project,
      since: q.since,
      until: q.until,
    },
  });
  return new Response(file.body, {
    status: 200,
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename}"`,
      'cache-control': 'no-store',
      'x-kiln-event-count': String(file.count),
    },
  });
}
