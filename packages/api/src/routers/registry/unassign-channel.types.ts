import type { z } from 'zod';
import { ProjectRefSchema, SlugSchema } from '../common.types.ts';

export const UnassignChannelInputSchema = ProjectRefSchema.extend({
  bucket: SlugSchema,
  channel: SlugSchema,
});
export type UnassignChannelInput = z.infer<typeof UnassignChannelInputSchema>;
