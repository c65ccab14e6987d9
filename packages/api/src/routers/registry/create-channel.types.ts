import { z } from 'zod';
import { ProjectRefSchema, SlugSchema } from '../common.types.ts';

export const CreateChannelInputSchema = ProjectRefSchema.extend({
  bucket: SlugSchema,
  channel: SlugSchema,
  restricted: z.boolean().optional(),
});
export type CreateChannelInput = z.infer<typeof CreateChannelInputSchema>;
