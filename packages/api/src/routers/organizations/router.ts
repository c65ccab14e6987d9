import { createOrganization } from '../../services/tenancy/create-organization.ts';
import { authedProcedure, router } from '../trpc.ts';
import { CreateOrganizationInputSchema } from './create.types.ts';

export const organizationsRouter = router({
  create: authedProcedure
    .input(CreateOrganizationInputSchema)
    .mutation(({ ctx, input }) => createOrganization(ctx.db, ctx.actor, input)),
});
