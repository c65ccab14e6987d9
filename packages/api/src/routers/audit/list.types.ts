import { z } from 'zod';
import { SlugSchema, UlidSchema } from '../common.types.ts';
import { AuditFilterSchema } from './filter.types.ts';

export const ListAuditEventsInputSchema = z.object({
  org: SlugSchema,
  limit: z.number().int().min(1).max(500).optional(),
  beforeId: UlidSchema.optional(),
  filter: AuditFilterSchema.optional(),
});
export type ListAuditEventsInput = z.infer<typeof ListAuditEventsInputSchema>;
