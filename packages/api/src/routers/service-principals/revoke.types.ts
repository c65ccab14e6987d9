import { z } from 'zod';
import { SlugSchema, UlidSchema } from '../common.types.ts';

export const RevokeServicePrincipalInputSchema = z.object({ org: SlugSchema, id: UlidSchema });
export type RevokeServicePrincipalInput = z.infer<typeof RevokeServicePrincipalInputSchema>;
