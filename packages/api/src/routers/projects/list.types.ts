import { z } from 'zod';
import { SlugSchema } from '../common.types.ts';

export const ListProjectsInputSchema = z.object({ org: SlugSchema });
export type ListProjectsInput = z.infer<typeof ListProjectsInputSchema>;
