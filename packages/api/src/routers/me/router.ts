import { getMe } from '../../services/tenancy/get-me.ts';
import { authedProcedure, router } from '../trpc.ts';

export const meRouter = router({
  get: authedProcedure.query(({ ctx }) => getMe(ctx.db, ctx.actor)),
});
