import type { z } from 'zod';
import { ProjectRefSchema, SlugSchema } from '../common.types.ts';

export const StartBuildRunInputSchema = ProjectRefSchema.extend({ template: SlugSchema });
export type StartBuildRunInput = z.infer<typeof StartBuildRunInputSchema>;
