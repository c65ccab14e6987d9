import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { authOptions } from '~/server/auth.ts';
import { BODY_LIMITS, withLimitedBody } from '~/server/request-guards.ts';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(incoming: NextRequest, context: Context) {
  const limited = await withLimitedBody(incoming, BODY_LIMITS.auth);
  if (limited instanceof Response) return limited;
  // next-auth reads `nextUrl`: a request rebuilt around the read body is made a NextRequest again.
  const request = limited === incoming ? incoming : new NextRequest(limited);
  return NextAuth(authOptions())(request, context);
}

export { handler as GET, handler as POST };
