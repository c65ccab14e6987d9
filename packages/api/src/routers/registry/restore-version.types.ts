import type { z } from 'zod';
import { ProjectRefSchema, SlugSchema, UlidSchema } from '../common.types.ts';

export const RestoreVersionInputSchema = ProjectRefSchema.extend({
  bucket: SlugSchema,
  versionId: UlidSchema,
});
export type RestoreVersionInput = z.infer<typeof RestoreVersionInputSchema>;
