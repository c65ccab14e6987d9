import type { z } from 'zod';
import { ProjectRefSchema, SlugSchema } from '../common.types.ts';

export const GetTemplateInputSchema = ProjectRefSchema.extend({ template: SlugSchema });
export type GetTemplateInput = z.infer<typeof GetTemplateInputSchema>;
