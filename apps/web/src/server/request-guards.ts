/**
 * Checks every request passes before it reaches a route (see src/proxy.ts): writes must come from this
 * site's own pages, and bodies have a size limit. Pure functions of the request, so they are tested alone.
 */

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The client's address as this server saw it: the last `X-Forwarded-For` entry, which Next.js sets from the
 * socket when the request came straight in, and a reverse proxy in front appends. (A client that talks to
 * Next.js directly and sends its own header can choose it; the per-account lockout does not depend on it.)
 */
export function clientAddress(headers: Record<string, unknown> | Headers | undefined): string {
  const raw = headers instanceof Headers ? headers.get('x-forwarded-for') : headers?.['x-forwarded-for'];
  const value = Array.isArray(raw) ? raw.join(',') : typeof raw === 'string' ? raw : '';
  const last = value.split(',').at(-1)?.trim();
  return last ? last.replace(/^::ffff:/, '') : 'unknown';
}

/** The largest request body each area takes, in bytes. */
export const BODY_LIMITS = {
  /** tRPC: a template revision (1 MB of text) with its JSON escaping and the batch around it. */
  trpc: 4 * 1024 * 1024,
  auth: 64 * 1024,
  other: 1024 * 1024,
} as const;

/** The most procedure calls one tRPC batch may carry (the client's batch link uses the same). */
export const TRPC_MAX_BATCH = 20;

export function bodyLimitFor(pathname: string): number {
  if (pathname.startsWith('/api/trpc')) return BODY_LIMITS.trpc;
  if (pathname.startsWith('/api/auth')) return BODY_LIMITS.auth;
  return BODY_LIMITS.other;
}

export interface GuardedRequest {
  method: string;
  url: string;
  headers: Headers;
}

export interface Refusal {
  status: 403 | 413;
  error: string;
}

/**
 * A write (POST, PUT, PATCH, DELETE) from another origin is refused: a browser names the page that sent it in
 * `Origin` (and `Sec-Fetch-Site`), so a form or script on another site cannot use the user's session.
 * Clients that are not browsers (the kiln command, CI with its service principal) send neither and pass.
 */
export function originRefusal(
  request: GuardedRequest,
  allowedOrigins: readonly string[],
): Refusal | undefined {
  if (!WRITE_METHODS.has(request.method.toUpperCase())) return undefined;
  const own = new Set([new URL(request.url).origin, ...allowedOrigins.map((o) => new URL(o).origin)]);
  const origin = request.headers.get('origin');
  if (origin !== null) {
    if (own.has(origin)) return undefined;
    return {
      status: 403,
      error: `a ${request.method} from origin ${origin} is refused: writes come from this site only`,
    };
  }
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none')
    return { status: 403, error: `a ${site} ${request.method} is refused: writes come from this site only` };
  return undefined;
}

/** A body whose declared length is over the area's limit is refused before it is read. */
export function declaredBodyRefusal(request: GuardedRequest): Refusal | undefined {
  const declared = Number(request.headers.get('content-length') ?? '0');
  const limit = bodyLimitFor(new URL(request.url).pathname);
  if (Number.isFinite(declared) && declared > limit)
    return { status: 413, error: `the request body is ${declared} bytes, over the limit of ${limit}` };
  return undefined;
}

/**
 * The request with its body read up to `limit` bytes (a body sent without a length, chunked, is counted as
 * it arrives); a 413 response when it is larger.
 */
export async function withLimitedBody(request: Request, limit: number): Promise<Request | Response> {
  if (!request.body) return request;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return Response.json(
        { error: `the request body is over the limit of ${limit} bytes` },
        { status: 413 },
      );
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
  });
}

/**
 * The Content-Security-Policy of every page: scripts only from this site with the request's nonce (Next.js
 * puts it on its own scripts), no plugins, no framing by any other page, forms and the base URL kept here.
 */
export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? ' ws:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
