import { z } from 'zod';
import { SlugSchema } from '../common.types.ts';

export const VerifyAuditChainInputSchema = z.object({ org: SlugSchema });
export type VerifyAuditChainInput = z.infer<typeof VerifyAuditChainInputSchema>;
