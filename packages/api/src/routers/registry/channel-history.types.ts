import type { z } from 'zod';
import { ProjectRefSchema, SlugSchema } from '../common.types.ts';

export const ChannelHistoryInputSchema = ProjectRefSchema.extend({ bucket: SlugSchema, channel: SlugSchema });
export type ChannelHistoryInput = z.infer<typeof ChannelHistoryInputSchema>;
