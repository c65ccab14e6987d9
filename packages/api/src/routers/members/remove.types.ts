import { z } from 'zod';
import { SlugSchema, UlidSchema } from '../common.types.ts';

export const RemoveMemberInputSchema = z.object({ org: SlugSchema, userId: UlidSchema });
export type RemoveMemberInput = z.infer<typeof RemoveMemberInputSchema>;
