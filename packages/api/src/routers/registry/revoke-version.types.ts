import { z } from 'zod';
import { MAX_REVOCATION_REASON } from '../../domain/revocation.ts';
import { ProjectRefSchema, SlugSchema, UlidSchema } from '../common.types.ts';

export const RevokeVersionInputSchema = ProjectRefSchema.extend({
  bucket: SlugSchema,
  versionId: UlidSchema,
  reason: z.string().min(1).max(MAX_REVOCATION_REASON),
  revokeAt: z.date().optional(),
  skipDescendants: z.boolean().optional(),
  keepChannels: z.boolean().optional(),
});
export type RevokeVersionInput = z.infer<typeof RevokeVersionInputSchema>;
