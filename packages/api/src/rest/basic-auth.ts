import type { Actor } from '../actor.ts';
import { KilnError } from '../errors.ts';
import type { Queryable } from '../repositories/queryable.ts';
import { authenticateServicePrincipal } from '../services/auth/authenticate-service-principal.ts';

/** Client id and secret from an `Authorization: Basic` header; both parts are URL-decoded, as HCP clients escape them. */
export function parseBasicCredentials(
  header: string | null,
): { clientId: string; clientSecret: string } | null {
  if (!header) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon)),
      clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    return null;
  }
}

export async function authenticateRequest(db: Queryable, request: Request): Promise<Actor> {
  const header = request.headers.get('authorization');
  if (!header) {
    throw new KilnError(
      'UNAUTHENTICATED',
      'service principal credentials are required (HTTP Basic: client id, secret)',
    );
  }
  const credentials = parseBasicCredentials(header);
  if (!credentials)
    throw new KilnError('UNAUTHENTICATED', 'the Authorization header is not valid HTTP Basic');
  const actor = await authenticateServicePrincipal(db, credentials);
  if (!actor) throw new KilnError('UNAUTHENTICATED', 'invalid service principal credentials');
  return actor;
}
