import { z } from 'zod';
import { ROLES } from '../../domain/roles.ts';
import { SlugSchema, UlidSchema } from '../common.types.ts';

export const ChangeMemberRoleInputSchema = z.object({
  org: SlugSchema,
  userId: UlidSchema,
  role: z.enum(ROLES),
});
export type ChangeMemberRoleInput = z.infer<typeof ChangeMemberRoleInputSchema>;
