import { type NextRequest, NextResponse } from 'next/server';
import { isDevelopment, publicOrigins } from './env.ts';
import { contentSecurityPolicy, declaredBodyRefusal, originRefusal } from './server/request-guards.ts';

/**
 * Runs before every route: refuses writes from other origins and bodies declared too large, and gives each
 * page a Content-Security-Policy with a fresh nonce (Next.js reads it from the request and puts it on its
 * scripts). The other security headers are in next.config.ts.
 */
export function proxy(request: NextRequest) {
  const refusal = originRefusal(request, publicOrigins()) ?? declaredBodyRefusal(request);
  if (refusal) return NextResponse.json({ error: refusal.error }, { status: refusal.status });
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const policy = contentSecurityPolicy(nonce, isDevelopment());
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  headers.set('x-nonce', nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
