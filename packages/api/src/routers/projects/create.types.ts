import { z } from 'zod';
import { SlugSchema } from '../common.types.ts';

export const CreateProjectInputSchema = z.object({
  org: SlugSchema,
  slug: SlugSchema,
  name: z.string().min(1).max(120),
});
export type CreateProjectInput = z.infer<typeof CreateProjectInputSchema>;
