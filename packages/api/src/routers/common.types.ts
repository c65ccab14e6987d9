import { z } from 'zod';

/** Organization, project, bucket, channel and template names as they appear in URLs. */
export const SlugSchema = z.string().min(1).max(64);
export const UlidSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');
export const ProjectRefSchema = z.object({ org: SlugSchema, project: SlugSchema });
