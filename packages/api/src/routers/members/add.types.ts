import { z } from 'zod';
import { ROLES } from '../../domain/roles.ts';
import { SlugSchema } from '../common.types.ts';

export const AddMemberInputSchema = z.object({ org: SlugSchema, email: z.email(), role: z.enum(ROLES) });
export type AddMemberInput = z.infer<typeof AddMemberInputSchema>;
