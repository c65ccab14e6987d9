import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page, test } from '@playwright/test';
import { DEMO, signIn } from './support/demo.ts';

const EVIL = 'https://evil.example';

async function signInAt(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** A tRPC query URL (superjson input) for the page's own origin. */
function trpcQuery(procedure: string, input: unknown): string {
  return `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
}

/**
 * Serves `html` from another origin on this machine (another port: same site, so the browser still sends
 * the session cookie, the case an origin check exists for) while `use` runs.
 */
async function fromOtherOrigin(html: string, use: (url: string) => Promise<void>): Promise<void> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

test.describe('web hardening', () => {
  test('after sign-in, a callbackUrl that leaves the site sends the user home instead', async ({
    page,
    baseURL,
  }) => {
    const visited: string[] = [];
    page.on('request', (request) => visited.push(new URL(request.url()).host));
    for (const callbackUrl of [
      '/\\evil.example',
      '//evil.example',
      `${EVIL}/orgs/demo`,
      '/\t/evil.example',
    ]) {
      await page.context().clearCookies();
      await signInAt(
        page,
        `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`,
        DEMO.email,
        DEMO.password,
      );
      await expect(page).toHaveURL(new RegExp(`/orgs/${DEMO.org}$`));
      expect(new URL(page.url()).origin).toBe(baseURL);
    }
    expect(visited.filter((host) => host.includes('evil'))).toEqual([]);
  });

  test('pages carry a nonce Content-Security-Policy that blocks no script of the app, and forbid framing', async ({
    page,
  }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to (execute|load)/.test(message.text()))
        violations.push(message.text());
    });
    const response = await page.goto('/signin');
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-powered-by']).toBeUndefined();
    // The app still hydrates and works under the policy: signing in is a client-side script.
    await signIn(page);
    await page.reload();
    await expect(page).toHaveURL(new RegExp(`/orgs/${DEMO.org}$`));
    expect(violations).toEqual([]);
  });

  test('another page cannot frame Kiln', async ({ page, baseURL }) => {
    await fromOtherOrigin(
      `<h1>other site</h1><iframe id="kiln" src="${baseURL}/signin" width="600" height="400"></iframe>`,
      async (url) => {
        const [framed] = await Promise.all([
          page.waitForResponse((r) => r.url() === `${baseURL}/signin`),
          page.goto(url),
        ]);
        // The page was served (with its refusal to be framed), and the browser did not show it.
        expect(framed.headers()['x-frame-options']).toBe('DENY');
        await expect(page.getByText('other site')).toBeVisible();
        await page.waitForTimeout(1000);
        await expect(page.frameLocator('#kiln').getByText('Sign in to Kiln')).toHaveCount(0);
      },
    );
  });

  test('a write from another origin is refused even with the session; from the site it goes through', async ({
    page,
    baseURL,
  }) => {
    await signIn(page);
    const body = { json: { org: DEMO.org, name: 'e2e-sp', projectSlug: DEMO.project } };
    for (const path of ['/api/trpc/servicePrincipals.create', '/api/v1/orgs/demo/anything']) {
      const refused = await page.request.post(path, {
        headers: { origin: EVIL, 'content-type': 'application/json' },
        data: body,
      });
      expect(refused.status()).toBe(403);
      expect(await refused.json()).toEqual({
        error: `a POST from origin ${EVIL} is refused: writes come from this site only`,
      });
    }
    // From the site: the procedure runs (the input is checked, not the origin).
    const own = await page.request.post('/api/trpc/templates.saveRevision', {
      headers: { origin: baseURL ?? '', 'content-type': 'application/json' },
      data: { json: { org: DEMO.org } },
    });
    expect(own.status()).toBe(400);

    // A real form post from another origin's page, in the signed-in browser, is refused too.
    await fromOtherOrigin(
      `<form id="f" method="post" action="${baseURL}/api/trpc/templates.create"><input name="x" value="1"></form>`,
      async (url) => {
        await page.goto(url);
        const [posted] = await Promise.all([
          page.waitForResponse((r) => r.url().includes('templates.create')),
          page.evaluate(() => (document.getElementById('f') as HTMLFormElement).submit()),
        ]);
        expect(posted.status()).toBe(403);
        expect(posted.request().headers().origin).toBe(url.replace(/\/$/, ''));
      },
    );
  });

  test('request bodies and tRPC batches have limits', async ({ page, baseURL }) => {
    await signIn(page);
    const big = 'x'.repeat(5 * 1024 * 1024);
    const declared = await page.request.post('/api/trpc/templates.validate', {
      headers: { 'content-type': 'application/json' },
      data: big,
    });
    expect(declared.status()).toBe(413);

    // The same body sent chunked, without a declared length, is cut off as it arrives.
    const url = new URL('/api/trpc/templates.validate', baseURL);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        url,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 5; i++) req.write(Buffer.alloc(1024 * 1024, 'x'));
      req.end();
    });
    expect(status).toBe(413);
    const auth = await page.request.post('/api/auth/callback/credentials', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      data: `password=${'x'.repeat(100 * 1024)}`,
    });
    expect(auth.status()).toBe(413);

    const paths = new Array(21).fill('me.get').join(',');
    const inputs = encodeURIComponent(JSON.stringify({}));
    const batch = await page.request.get(`/api/trpc/${paths}?batch=1&input=${inputs}`);
    expect(batch.status()).toBe(400);
    expect(JSON.stringify(await batch.json())).toContain('Batch call exceeds maximum size');
    const small = await page.request.get(`/api/trpc/me.get,me.get?batch=1&input=${inputs}`);
    expect(small.status()).toBe(200);
  });

  test('password sign-in locks after repeated failures, and every attempt on an account is audited', async ({
    page,
  }) => {
    const stranger = `nobody-${Date.now()}@kiln.local`;
    for (let i = 0; i < 5; i++) {
      await signInAt(page, '/signin', stranger, 'wrong');
      await expect(page.getByText('Sign-in failed. Check your email and password.')).toBeVisible();
    }
    await signInAt(page, '/signin', stranger, 'wrong');
    await expect(page.getByText(/Too many failed sign-ins/)).toBeVisible();

    // One failure on the demo account, then a success: both are in its organization's audit trail.
    await signInAt(page, '/signin', DEMO.email, 'not-the-password');
    await expect(page.getByText('Sign-in failed. Check your email and password.')).toBeVisible();
    await signIn(page);
    const audit = await page.request.get(trpcQuery('audit.list', { org: DEMO.org, limit: 50 }));
    expect(audit.status()).toBe(200);
    const text = JSON.stringify(await audit.json());
    expect(text).toContain('auth.sign-in.failed');
    expect(text).toContain('auth.sign-in.succeeded');
  });

  test('the health check says only whether it is up', async ({ page }) => {
    const health = await page.request.get('/api/health');
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });
});
