import type { z } from 'zod';
import { ProjectRefSchema } from '../common.types.ts';

export const ListBucketsInputSchema = ProjectRefSchema;
export type ListBucketsInput = z.infer<typeof ListBucketsInputSchema>;
