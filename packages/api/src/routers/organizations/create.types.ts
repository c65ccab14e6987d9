import { z } from 'zod';
import { SlugSchema } from '../common.types.ts';

export const CreateOrganizationInputSchema = z.object({ slug: SlugSchema, name: z.string().min(1).max(120) });
export type CreateOrganizationInput = z.infer<typeof CreateOrganizationInputSchema>;
