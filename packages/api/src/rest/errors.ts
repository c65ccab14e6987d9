import { KilnError, type KilnErrorCode } from '../errors.ts';

/** The one mapping of KilnError codes to HTTP statuses. */
export const HTTP_STATUS: Record<KilnErrorCode, number> = {
  NOT_FOUND: 404,
  INVALID: 400,
  CONFLICT: 409,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  PRECONDITION_FAILED: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export interface RestLogger {
  error(obj: object, msg: string): void;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** Renders any error; internal details go to the log, never to the client. */
export function errorResponse(error: unknown, logger?: RestLogger): Response {
  const kiln =
    error instanceof KilnError ? error : new KilnError('INTERNAL', 'internal error', { cause: error });
  const status = HTTP_STATUS[kiln.code];
  if (status >= 500) logger?.error({ err: error }, 'REST request failed');
  const message = status >= 500 ? 'internal error' : kiln.message;
  const headers: Record<string, string> =
    kiln.code === 'UNAUTHENTICATED' ? { 'www-authenticate': 'Basic realm="kiln"' } : {};
  return jsonResponse(status, { error: { code: kiln.code, message } }, headers);
}
