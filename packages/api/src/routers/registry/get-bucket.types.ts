import type { z } from 'zod';
import { ProjectRefSchema, SlugSchema } from '../common.types.ts';

export const GetBucketInputSchema = ProjectRefSchema.extend({ bucket: SlugSchema });
export type GetBucketInput = z.infer<typeof GetBucketInputSchema>;
