import { z } from 'zod';
import { ProjectRefSchema, SlugSchema } from '../common.types.ts';

export const SaveTemplateRevisionInputSchema = ProjectRefSchema.extend({
  template: SlugSchema,
  content: z.string().max(1_000_000),
});
export type SaveTemplateRevisionInput = z.infer<typeof SaveTemplateRevisionInputSchema>;
