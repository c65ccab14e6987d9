import { appRouter } from '@kiln/api/trpc';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createRequestContext } from '~/server/trpc-context.ts';

export const dynamic = 'force-dynamic';

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => createRequestContext(),
    onError({ path, error }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '<unknown>'} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
