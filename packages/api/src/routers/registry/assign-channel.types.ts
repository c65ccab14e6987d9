import type { z } from 'zod';
import { ProjectRefSchema, SlugSchema, UlidSchema } from '../common.types.ts';

export const AssignChannelInputSchema = ProjectRefSchema.extend({
  bucket: SlugSchema,
  channel: SlugSchema,
  versionId: UlidSchema,
});
export type AssignChannelInput = z.infer<typeof AssignChannelInputSchema>;
