import { auditRouter } from './audit/router.ts';
import { buildRunsRouter } from './build-runs/router.ts';
import { meRouter } from './me/router.ts';
import { membersRouter } from './members/router.ts';
import { organizationsRouter } from './organizations/router.ts';
import { projectsRouter } from './projects/router.ts';
import { registryRouter } from './registry/router.ts';
import { servicePrincipalsRouter } from './service-principals/router.ts';
import { templatesRouter } from './templates/router.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  me: meRouter,
  organizations: organizationsRouter,
  members: membersRouter,
  projects: projectsRouter,
  templates: templatesRouter,
  buildRuns: buildRunsRouter,
  registry: registryRouter,
  servicePrincipals: servicePrincipalsRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller (React Server Components, tests). */
export const createCaller = createCallerFactory(appRouter);

export { createTRPCContext, type TRPCContext, toTRPCError } from './trpc.ts';
