import { createProject } from '../../services/tenancy/create-project.ts';
import { getProject } from '../../services/tenancy/get-project.ts';
import { listProjects } from '../../services/tenancy/list-projects.ts';
import { authedProcedure, router } from '../trpc.ts';
import { CreateProjectInputSchema } from './create.types.ts';
import { GetProjectInputSchema } from './get.types.ts';
import { ListProjectsInputSchema } from './list.types.ts';

export const projectsRouter = router({
  list: authedProcedure
    .input(ListProjectsInputSchema)
    .query(({ ctx, input }) => listProjects(ctx.db, ctx.actor, input)),
  get: authedProcedure
    .input(GetProjectInputSchema)
    .query(({ ctx, input }) => getProject(ctx.db, ctx.actor, input)),
  create: authedProcedure
    .input(CreateProjectInputSchema)
    .mutation(({ ctx, input }) => createProject(ctx.db, ctx.actor, input)),
});
