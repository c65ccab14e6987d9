import { listAuditEvents } from '../../services/audit/list-audit-events.ts';
import { authedProcedure, router } from '../trpc.ts';
import { ListAuditEventsInputSchema } from './list.types.ts';

export const auditRouter = router({
  list: authedProcedure
    .input(ListAuditEventsInputSchema)
    .query(({ ctx, input }) => listAuditEvents(ctx.db, ctx.actor, input)),
});
