import { z } from 'zod';
import { SlugSchema } from '../common.types.ts';

export const ListMembersInputSchema = z.object({ org: SlugSchema });
export type ListMembersInput = z.infer<typeof ListMembersInputSchema>;
