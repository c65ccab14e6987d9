import { getProject } from '../../services/tenancy/get-project.ts';
import { listProjects } from '../../services/tenancy/list-projects.ts';
import { authedProcedure, router } from '../trpc.ts';
import { GetProjectInputSchema } from './get.types.ts';
import { ListProjectsInputSchema } from './list.types.ts';

export const projectsRouter = router({
  list: authedProcedure
    .input(ListProjectsInputSchema)
    .query(({ ctx, input }) => listProjects(ctx.db, ctx.actor, input)),
  get: authedProcedure
    .input(GetProjectInputSchema)
    .query(({ ctx, input }) => getProject(ctx.db, ctx.actor, input)),
});
