import { z } from 'zod';
import { SlugSchema } from '../common.types.ts';

export const GetProjectInputSchema = z.object({ org: SlugSchema, project: SlugSchema });
export type GetProjectInput = z.infer<typeof GetProjectInputSchema>;
