import { assignChannel } from '../../services/registry/assign-channel.ts';
import { createChannel } from '../../services/registry/create-channel.ts';
import { getBucket } from '../../services/registry/get-bucket.ts';
import { listBuckets } from '../../services/registry/list-buckets.ts';
import { listChannelHistory } from '../../services/registry/list-channel-history.ts';
import { previewRevocation } from '../../services/registry/preview-revocation.ts';
import { restoreVersion } from '../../services/registry/restore-version.ts';
import { revokeVersion } from '../../services/registry/revoke-version.ts';
import { unassignChannel } from '../../services/registry/unassign-channel.ts';
import { authedProcedure, router } from '../trpc.ts';
import { AssignChannelInputSchema } from './assign-channel.types.ts';
import { ChannelHistoryInputSchema } from './channel-history.types.ts';
import { CreateChannelInputSchema } from './create-channel.types.ts';
import { GetBucketInputSchema } from './get-bucket.types.ts';
import { ListBucketsInputSchema } from './list-buckets.types.ts';
import { PreviewRevocationInputSchema } from './preview-revocation.types.ts';
import { RestoreVersionInputSchema } from './restore-version.types.ts';
import { RevokeVersionInputSchema } from './revoke-version.types.ts';
import { UnassignChannelInputSchema } from './unassign-channel.types.ts';

export const registryRouter = router({
  listBuckets: authedProcedure
    .input(ListBucketsInputSchema)
    .query(({ ctx, input }) => listBuckets(ctx.db, ctx.actor, input)),
  getBucket: authedProcedure
    .input(GetBucketInputSchema)
    .query(({ ctx, input }) => getBucket(ctx.db, ctx.actor, input)),
  createChannel: authedProcedure
    .input(CreateChannelInputSchema)
    .mutation(({ ctx, input }) => createChannel(ctx.db, ctx.actor, input)),
  assignChannel: authedProcedure
    .input(AssignChannelInputSchema)
    .mutation(({ ctx, input }) => assignChannel(ctx.db, ctx.actor, input)),
  unassignChannel: authedProcedure
    .input(UnassignChannelInputSchema)
    .mutation(({ ctx, input }) => unassignChannel(ctx.db, ctx.actor, input)),
  channelHistory: authedProcedure
    .input(ChannelHistoryInputSchema)
    .query(({ ctx, input }) => listChannelHistory(ctx.db, ctx.actor, input)),
  previewRevocation: authedProcedure
    .input(PreviewRevocationInputSchema)
    .query(({ ctx, input }) => previewRevocation(ctx.db, ctx.actor, input)),
  revokeVersion: authedProcedure
    .input(RevokeVersionInputSchema)
    .mutation(({ ctx, input }) => revokeVersion(ctx.db, ctx.actor, input)),
  restoreVersion: authedProcedure
    .input(RestoreVersionInputSchema)
    .mutation(({ ctx, input }) => restoreVersion(ctx.db, ctx.actor, input)),
});
