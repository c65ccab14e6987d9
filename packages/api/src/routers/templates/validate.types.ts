import { z } from 'zod';

export const ValidateTemplateInputSchema = z.object({
  filename: z.string().min(1).max(255),
  content: z.string().max(1_000_000),
});
export type ValidateTemplateInput = z.infer<typeof ValidateTemplateInputSchema>;
