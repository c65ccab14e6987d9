import { handleRestRequest } from '@kiln/api/rest';
import { buildStarter } from '~/server/build-starter.ts';
import { db } from '~/server/db.ts';
import { sealer } from '~/server/sealer.ts';

export const dynamic = 'force-dynamic';

function handler(request: Request) {
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
