import { exportAuditEvents } from '../../services/audit/export-audit-events.ts';
import { listAuditEvents } from '../../services/audit/list-audit-events.ts';
import { verifyAuditChain } from '../../services/audit/verify-audit-chain.ts';
import { authedProcedure, router } from '../trpc.ts';
import { ExportAuditEventsInputSchema } from './export.types.ts';
import { ListAuditEventsInputSchema } from './list.types.ts';
import { VerifyAuditChainInputSchema } from './verify.types.ts';

export const auditRouter = router({
  list: authedProcedure
    .input(ListAuditEventsInputSchema)
    .query(({ ctx, input }) => listAuditEvents(ctx.db, ctx.actor, input)),
  export: authedProcedure
    .input(ExportAuditEventsInputSchema)
    .mutation(({ ctx, input }) => exportAuditEvents(ctx.db, ctx.actor, input)),
  verify: authedProcedure
    .input(VerifyAuditChainInputSchema)
    .mutation(({ ctx, input }) => verifyAuditChain(ctx.db, ctx.actor, input)),
});
