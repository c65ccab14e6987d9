import { appRouter } from '@kiln/api/trpc';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { logger } from '~/server/logger.ts';
import { BODY_LIMITS, TRPC_MAX_BATCH, withLimitedBody } from '~/server/request-guards.ts';
import { createRequestContext } from '~/server/trpc-context.ts';

export const dynamic = 'force-dynamic';

async function handler(incoming: Request) {
  const request = await withLimitedBody(incoming, BODY_LIMITS.trpc);
  if (request instanceof Response) return request;
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    maxBatchSize: TRPC_MAX_BATCH,
    createContext: () => createRequestContext(),
    onError({ path, error }) {
      // Procedures log their own failures; this catches what fails before one runs (context, transport).
      if (path === undefined && error.code === 'INTERNAL_SERVER_ERROR') {
        logger().error({ err: error.cause ?? error }, 'tRPC request failed before reaching a procedure');
      }
    },
  });
}

export { handler as GET, handler as POST };
