import { z } from 'zod';
import { SlugSchema } from '../common.types.ts';

export const CreateServicePrincipalInputSchema = z.object({
  org: SlugSchema,
  name: z.string().trim().min(1).max(64),
  role: z.enum(['owner', 'admin', 'contributor', 'viewer']),
  project: SlugSchema.optional(),
});
export type CreateServicePrincipalInput = z.infer<typeof CreateServicePrincipalInputSchema>;
