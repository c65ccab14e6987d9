import { ProjectRefSchema, UlidSchema } from '../common.types.ts';
import { z } from 'zod';

export const CancelBuildRunInputSchema = ProjectRefSchema.extend({ id: UlidSchema });
export type CancelBuildRunInput = z.infer<typeof CancelBuildRunInputSchema>;

export const ResumeBuildInputSchema = ProjectRefSchema.extend({
  id: UlidSchema,
  /** `<build>.<type>.<source>`, the build that waits at a breakpoint. */
  build: z.string().min(1).max(255),
});
export type ResumeBuildInput = z.infer<typeof ResumeBuildInputSchema>;

export const BuildRunResourcesInputSchema = ProjectRefSchema.extend({ id: UlidSchema });
export type BuildRunResourcesInput = z.infer<typeof BuildRunResourcesInputSchema>;
