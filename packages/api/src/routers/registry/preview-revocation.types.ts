import { z } from 'zod';
import { ProjectRefSchema, SlugSchema, UlidSchema } from '../common.types.ts';

export const PreviewRevocationInputSchema = ProjectRefSchema.extend({
  bucket: SlugSchema,
  versionId: UlidSchema,
  revokeAt: z.date().optional(),
  skipDescendants: z.boolean().optional(),
});
export type PreviewRevocationInput = z.infer<typeof PreviewRevocationInputSchema>;
