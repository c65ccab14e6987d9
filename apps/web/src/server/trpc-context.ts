import 'server-only';
import { createTRPCContext } from '@kiln/api/trpc';
import { currentUser } from './auth.ts';
import { buildStarter } from './build-starter.ts';
import { db } from './db.ts';

/** The tRPC context for one request: the signed-in user (if any) as the actor, plus the shared singletons. */
export async function createRequestContext() {
  const user = await currentUser();
  return createTRPCContext({
    db: db(),
    buildStarter: buildStarter(),
    actor: user ? { type: 'user', id: user.id } : undefined,
  });
}
