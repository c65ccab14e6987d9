import { getBuildRun } from '../../services/build-runs/get-build-run.ts';
import { listBuildLogLines } from '../../services/build-runs/list-build-log-lines.ts';
import { listBuildRuns } from '../../services/build-runs/list-build-runs.ts';
import { cancelBuildRun } from '../../services/build-runs/cancel-build-run.ts';
import { listBuildRunResources } from '../../services/build-runs/list-build-resources.ts';
import { resumeBuild } from '../../services/build-runs/resume-build.ts';
import { startBuildRun } from '../../services/build-runs/start-build-run.ts';
import {
  BuildRunResourcesInputSchema,
  CancelBuildRunInputSchema,
  ResumeBuildInputSchema,
} from './control.types.ts';
import { authedProcedure, router } from '../trpc.ts';
import { GetBuildRunInputSchema } from './get.types.ts';
import { ListBuildRunsInputSchema } from './list.types.ts';
import { BuildRunLogsInputSchema } from './logs.types.ts';
import { StartBuildRunInputSchema } from './start.types.ts';

export const buildRunsRouter = router({
  start: authedProcedure.input(StartBuildRunInputSchema).mutation(async ({ ctx, input }) => {
    const { id } = await startBuildRun(ctx.db, ctx.actor, input, {
      buildStarter: ctx.buildStarter,
      sealer: ctx.sealer,
    });
    return { id };
  }),
  cancel: authedProcedure
    .input(CancelBuildRunInputSchema)
    .mutation(({ ctx, input }) => cancelBuildRun(ctx.db, ctx.actor, input, { control: ctx.buildControl })),
  resume: authedProcedure
    .input(ResumeBuildInputSchema)
    .mutation(({ ctx, input }) => resumeBuild(ctx.db, ctx.actor, input, { control: ctx.buildControl })),
  resources: authedProcedure
    .input(BuildRunResourcesInputSchema)
    .query(({ ctx, input }) => listBuildRunResources(ctx.db, ctx.actor, input)),
  list: authedProcedure
    .input(ListBuildRunsInputSchema)
    .query(({ ctx, input }) => listBuildRuns(ctx.db, ctx.actor, input)),
  get: authedProcedure
    .input(GetBuildRunInputSchema)
    .query(({ ctx, input }) => getBuildRun(ctx.db, ctx.actor, input)),
  logs: authedProcedure.input(BuildRunLogsInputSchema).query(({ ctx, input }) =>
    listBuildLogLines(ctx.db, ctx.actor, {
      org: input.org,
      project: input.project,
      buildRunId: input.id,
      afterSeq: input.afterSeq,
      limit: input.limit,
    }),
  ),
});
