import { z } from 'zod';
import { SlugSchema } from '../common.types.ts';

export const ListServicePrincipalsInputSchema = z.object({ org: SlugSchema });
export type ListServicePrincipalsInput = z.infer<typeof ListServicePrincipalsInputSchema>;
