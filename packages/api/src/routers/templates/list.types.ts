import type { z } from 'zod';
import { ProjectRefSchema } from '../common.types.ts';

export const ListTemplatesInputSchema = ProjectRefSchema;
export type ListTemplatesInput = z.infer<typeof ListTemplatesInputSchema>;
