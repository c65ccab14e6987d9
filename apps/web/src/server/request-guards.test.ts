import { describe, expect, it } from 'vitest';
import {
  BODY_LIMITS,
  clientAddress,
  contentSecurityPolicy,
  declaredBodyRefusal,
  originRefusal,
  withLimitedBody,
} from './request-guards.ts';

const SITE = 'http://127.0.0.1:3000';

function request(method: string, path: string, headers: Record<string, string> = {}) {
  return { method, url: `${SITE}${path}`, headers: new Headers(headers) };
}

describe('originRefusal', () => {
  it('lets reads through from anywhere', () => {
    expect(
      originRefusal(request('GET', '/api/trpc/me.get', { origin: 'https://evil.example' }), []),
    ).toBeUndefined();
  });

  it('lets writes from this site through, and from its public origin', () => {
    expect(originRefusal(request('POST', '/api/trpc/x', { origin: SITE }), [])).toBeUndefined();
    expect(
      originRefusal(request('POST', '/api/trpc/x', { origin: 'https://kiln.example.com' }), [
        'https://kiln.example.com/',
      ]),
    ).toBeUndefined();
    expect(
      originRefusal(request('POST', '/api/trpc/x', { 'sec-fetch-site': 'same-origin' }), []),
    ).toBeUndefined();
  });

  it.each([
    ['POST', { origin: 'https://evil.example' }],
    ['PUT', { origin: 'http://127.0.0.1:3001' }],
    ['DELETE', { origin: 'null' }],
    ['PATCH', { 'sec-fetch-site': 'cross-site' }],
    ['POST', { 'sec-fetch-site': 'same-site' }],
  ])('refuses a %s with %j', (method, headers) => {
    expect(originRefusal(request(method, '/api/v1/orgs/x', headers), [])?.status).toBe(403);
  });

  it('lets a client that is not a browser (no Origin, no Sec-Fetch-Site) write', () => {
    expect(originRefusal(request('POST', '/api/v1/orgs/x'), [])).toBeUndefined();
  });
});

describe('body limits', () => {
  it('refuses a declared length over the area limit', () => {
    const big = String(BODY_LIMITS.trpc + 1);
    expect(declaredBodyRefusal(request('POST', '/api/trpc/x', { 'content-length': big }))?.status).toBe(413);
    expect(
      declaredBodyRefusal(request('POST', '/api/auth/callback/credentials', { 'content-length': '70000' }))
        ?.status,
    ).toBe(413);
    expect(declaredBodyRefusal(request('POST', '/api/trpc/x', { 'content-length': '1000' }))).toBeUndefined();
  });

  it('reads a streamed body up to the limit and refuses what goes past it', async () => {
    const chunks = (n: number) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < n; i++) controller.enqueue(new Uint8Array(1024).fill(97));
          controller.close();
        },
      });
    const make = (n: number) =>
      new Request(`${SITE}/api/trpc/x`, { method: 'POST', body: chunks(n), duplex: 'half' } as RequestInit);
    const small = await withLimitedBody(make(4), 8 * 1024);
    expect(small).toBeInstanceOf(Request);
    expect((await (small as Request).text()).length).toBe(4096);
    const large = await withLimitedBody(make(9), 8 * 1024);
    expect(large).toBeInstanceOf(Response);
    expect((large as Response).status).toBe(413);
  });
});

describe('clientAddress', () => {
  it('takes the last X-Forwarded-For entry (the one the nearest server added)', () => {
    expect(clientAddress({ 'x-forwarded-for': '::ffff:127.0.0.1' })).toBe('127.0.0.1');
    expect(clientAddress({ 'x-forwarded-for': '1.2.3.4, 10.0.0.9' })).toBe('10.0.0.9');
    expect(clientAddress(new Headers({ 'x-forwarded-for': '198.51.100.1' }))).toBe('198.51.100.1');
    expect(clientAddress({})).toBe('unknown');
  });
});

describe('contentSecurityPolicy', () => {
  it('allows scripts from this site with the nonce only, and no framing', () => {
    const policy = contentSecurityPolicy('abc123', false);
    expect(policy).toContain("script-src 'self' 'nonce-abc123'");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
  });
});
