import { handleRestRequest } from '@kiln/api/rest';
import { db } from '~/server/db.ts';

export const dynamic = 'force-dynamic';

function handler(request: Request) {
  return handleRestRequest(request, { db: db() });
}

export {
  handler as DELETE,
  handler as GET,
  handler as HEAD,
  handler as PATCH,
  handler as POST,
  handler as PUT,
};
