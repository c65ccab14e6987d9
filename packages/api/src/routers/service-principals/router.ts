import { createServicePrincipal } from '../../services/service-principals/create-service-principal.ts';
import { listServicePrincipals } from '../../services/service-principals/list-service-principals.ts';
import { revokeServicePrincipal } from '../../services/service-principals/revoke-service-principal.ts';
import { authedProcedure, router } from '../trpc.ts';
import { CreateServicePrincipalInputSchema } from './create.types.ts';
import { ListServicePrincipalsInputSchema } from './list.types.ts';
import { RevokeServicePrincipalInputSchema } from './revoke.types.ts';

export const servicePrincipalsRouter = router({
  list: authedProcedure
    .input(ListServicePrincipalsInputSchema)
    .query(({ ctx, input }) => listServicePrincipals(ctx.db, ctx.actor, input)),
  create: authedProcedure
    .input(CreateServicePrincipalInputSchema)
    .mutation(({ ctx, input }) => createServicePrincipal(ctx.db, ctx.actor, input)),
  revoke: authedProcedure
    .input(RevokeServicePrincipalInputSchema)
    .mutation(({ ctx, input }) => revokeServicePrincipal(ctx.db, ctx.actor, input)),
});
