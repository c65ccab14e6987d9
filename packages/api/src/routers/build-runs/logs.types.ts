import { z } from 'zod';
import { ProjectRefSchema, UlidSchema } from '../common.types.ts';

export const BuildRunLogsInputSchema = ProjectRefSchema.extend({
  id: UlidSchema,
  afterSeq: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).optional(),
});
export type BuildRunLogsInput = z.infer<typeof BuildRunLogsInputSchema>;
