import 'server-only';
import { randomUUID } from 'node:crypto';
import { createTRPCContext } from '@kiln/api/trpc';
import { currentUser } from './auth.ts';
import { buildStarter } from './build-starter.ts';
import { db } from './db.ts';
import { logger } from './logger.ts';
import { sealer } from './sealer.ts';

/** The tRPC context for one request: the signed-in user (if any) as the actor, plus the shared singletons. */
export async function createRequestContext() {
  const user = await currentUser();
  return createTRPCContext({
    db: db(),
    buildStarter: buildStarter(),
    buildControl: buildStarter(),
    sealer: sealer(),
    actor: user ? { type: 'user', id: user.id } : null,
    logger: logger().child({ requestId: randomUUID(), userId: user?.id ?? null }),
  });
}
