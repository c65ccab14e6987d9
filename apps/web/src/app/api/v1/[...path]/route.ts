import { handleRestRequest } from '@kiln/api/rest';
import { buildStarter } from '~/server/build-starter.ts';
import { db } from '~/server/db.ts';
import { BODY_LIMITS, withLimitedBody } from '~/server/request-guards.ts';
import { sealer } from '~/server/sealer.ts';

export const dynamic = 'force-dynamic';

async function handler(incoming: Request) {
  const request = await withLimitedBody(incoming, BODY_LIMITS.other);
  if (request instanceof Response) return request;
  return handleRestRequest(request, {
    db: db(),
    buildStarter: buildStarter(),
    buildControl: buildStarter(),
    sealer: sealer(),
  });
}

export {
  handler as DELETE,
  handler as GET,
  handler as HEAD,
  handler as PATCH,
  handler as POST,
  handler as PUT,
};
