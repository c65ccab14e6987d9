import { z } from 'zod';
import { SlugSchema } from '../common.types.ts';
import { AuditFilterSchema } from './filter.types.ts';

export const ExportAuditEventsInputSchema = z.object({
  org: SlugSchema,
  format: z.enum(['jsonl', 'csv']),
  filter: AuditFilterSchema.optional(),
});
export type ExportAuditEventsInput = z.infer<typeof ExportAuditEventsInputSchema>;
