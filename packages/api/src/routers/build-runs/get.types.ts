import type { z } from 'zod';
import { ProjectRefSchema, UlidSchema } from '../common.types.ts';

export const GetBuildRunInputSchema = ProjectRefSchema.extend({ id: UlidSchema });
export type GetBuildRunInput = z.infer<typeof GetBuildRunInputSchema>;
