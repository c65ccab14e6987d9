import { z } from 'zod';
import { SlugSchema, UlidSchema } from '../common.types.ts';

/** The audit filters the UI and the export share; every field narrows the set. */
export const AuditFilterSchema = z.object({
  /** An exact action, or a prefix ending in `.` or `*`. */
  action: z.string().min(1).max(128).optional(),
  actorType: z.enum(['user', 'service_principal', 'system']).optional(),
  actorId: UlidSchema.optional(),
  targetType: z.string().min(1).max(64).optional(),
  targetId: z.string().min(1).max(64).optional(),
  project: SlugSchema.optional(),
  since: z.date().optional(),
  until: z.date().optional(),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;
