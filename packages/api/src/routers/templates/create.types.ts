import { z } from 'zod';
import { ProjectRefSchema, SlugSchema } from '../common.types.ts';

export const CreateTemplateInputSchema = ProjectRefSchema.extend({
  name: SlugSchema,
  filename: z.string().min(1).max(255).optional(),
  content: z.string().max(1_000_000),
});
export type CreateTemplateInput = z.infer<typeof CreateTemplateInputSchema>;
