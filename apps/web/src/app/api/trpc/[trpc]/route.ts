import { appRouter } from '@kiln/api/trpc';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { logger } from '~/server/logger.ts';
import { createRequestContext } from '~/server/trpc-context.ts';

export const dynamic = 'force-dynamic';

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
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
