import 'server-only';
import { appRouter } from '@kiln/api/trpc';
import { cache } from 'react';
import { createRequestContext } from './trpc-context.ts';

/** A tRPC caller for server components, created once per request. */
export const serverCaller = cache(async () => appRouter.createCaller(await createRequestContext()));
