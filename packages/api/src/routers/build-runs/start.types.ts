import { z } from 'zod';
import { ProjectRefSchema, SlugSchema } from '../common.types.ts';

/** How a run goes, as `packer build` flags: `-var`, `-var-file`, `-only`, `-except`, `-on-error`, `-parallel-builds`. */
export const BuildRunOptionsSchema = z.object({
  /** `-var name=value`; sealed at rest, never shown again. */
  variables: z.record(z.string().min(1).max(128), z.string().max(64 * 1024)).optional(),
  /** `-var-file` contents, lowest precedence first (`*.pkrvars.hcl` or `.json`); sealed like `variables`. */
  varFiles: z
    .array(z.object({ filename: z.string().min(1).max(255), content: z.string().max(256 * 1024) }))
    .max(16)
    .optional(),
  only: z.array(z.string().min(1).max(255)).max(64).optional(),
  except: z.array(z.string().min(1).max(255)).max(64).optional(),
  /** At most this many builds at once; 0 or absent: all. */
  parallelBuilds: z.number().int().min(0).max(64).optional(),
  /** A failed build cancels its siblings. */
  failFast: z.boolean().optional(),
  onError: z.enum(['cleanup', 'abort', 'run-cleanup-provisioner']).optional(),
  /** The run stops, as timed out, this long after it starts. */
  deadlineSeconds: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .optional(),
});
export type BuildRunOptions = z.infer<typeof BuildRunOptionsSchema>;

export const StartBuildRunInputSchema = ProjectRefSchema.extend({ template: SlugSchema }).merge(
  BuildRunOptionsSchema,
);
export type StartBuildRunInput = z.infer<typeof StartBuildRunInputSchema>;
