import { z } from 'zod';
import { ProjectRefSchema, SlugSchema } from '../common.types.ts';

export const ListBuildRunsInputSchema = ProjectRefSchema.extend({
  template: SlugSchema.optional(),
  limit: z.number().int().min(1).max(200).optional(),
});
export type ListBuildRunsInput = z.infer<typeof ListBuildRunsInputSchema>;
