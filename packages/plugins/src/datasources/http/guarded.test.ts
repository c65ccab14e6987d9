import type { lookup as dnsLookup } from 'node:dns';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAddressPolicy } from './address-policy.ts';
import { guardedRequest } from './guarded-request.ts';
import { createHttpDatasource, httpDatasource } from './index.ts';

/** A real server on a loopback address, recording the paths it was asked for. */
interface Recorded {
  server: Server;
  port: number;
  seen: string[];
}

async function listen(host: string, handle: (path: string, res: ServerResponse) => void): Promise<Recorded> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    handle(req.url ?? '', res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as AddressInfo).port, seen };
}

let inner: Recorded; // 127.0.0.1: what a tenant must not reach (the platform's own services)
let other: Recorded; // 127.0.0.2: a second loopback address, refused even when 127.0.0.1 is allowed

beforeAll(async () => {
  inner = await listen('127.0.0.1', (path, res) => {
    if (path.startsWith('/to/')) {
      res.writeHead(302, { location: decodeURIComponent(path.slice(4)) }).end();
      return;
    }
    if (path === '/big') {
      res.writeHead(200, { 'content-length': String(2 * 1024 * 1024) }).end(Buffer.alloc(2 * 1024 * 1024));
      return;
    }
    if (path === '/big-chunked') {
      res.writeHead(200);
      for (let i = 0; i < 64; i++) res.write(Buffer.alloc(64 * 1024, 'a'));
      res.end();
      return;
    }
    if (path === '/loop') {
      res.writeHead(301, { location: '/loop' }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('secret platform data');
  });
  other = await listen('127.0.0.2', (path, res) => {
    if (path.startsWith('/to/')) res.writeHead(307, { location: decodeURIComponent(path.slice(4)) }).end();
    else res.writeHead(200).end('other');
  });
});

beforeEach(() => {
  inner.seen.length = 0;
  other.seen.length = 0;
});

afterAll(async () => {
  for (const { server } of [inner, other])
    await new Promise<void>((resolve) => server.close(() => resolve()));
});

const ctx = () => ({ signal: new AbortController().signal });

function prepared(url: string) {
  const result = httpDatasource.prepare({ url });
  if (!result.config) throw new Error(result.diagnostics.map((d) => d.detail).join('; '));
  return result.config;
}

/** A GET of `host` on the loopback server's port, with 127.0.0.1 allowed and `resolve` as the resolver. */
function getWithResolver(host: string, resolve: typeof dnsLookup) {
  return guardedRequest(
    { url: `http://${host}:${inner.port}/`, method: 'GET', headers: {}, signal: ctx().signal },
    {
      policy: createAddressPolicy(['127.0.0.1']),
      maxResponseBytes: 1024,
      maxRedirects: 0,
      timeoutMs: 5000,
      resolve,
    },
  );
}

describe('the http data source refuses the platform network', () => {
  it('refuses 127.0.0.1 before connecting, with a clear error', async () => {
    const url = `http://127.0.0.1:${inner.port}/`;
    await expect(httpDatasource.execute(prepared(url), ctx())).rejects.toThrow(
      `GET ${url} refused: 127.0.0.1 is a loopback address; the http data source does not reach loopback, link-local, private or metadata addresses`,
    );
    expect(inner.seen).toEqual([]);
  });

  it('refuses a name that resolves to 127.0.0.1, after resolving it', async () => {
    const url = `http://localhost:${inner.port}/`;
    await expect(httpDatasource.execute(prepared(url), ctx())).rejects.toThrow(
      `GET ${url} refused: localhost resolves to 127.0.0.1, a loopback address`,
    );
    expect(inner.seen).toEqual([]);
  });

  it.each([
    ['http://[::1]:9/', '::1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]:9/', 'is a loopback address (IPv4-mapped)'],
    ['http://[::ffff:a9fe:a9fe]/latest/meta-data/', 'is the cloud metadata address (IPv4-mapped)'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is the cloud metadata address'],
    ['http://[fd00:ec2::254]/latest/meta-data/', 'fd00:ec2::254 is the cloud metadata address'],
    ['http://169.254.10.1/', 'a link-local address'],
    ['http://[fe80::1]/', 'a link-local address'],
    ['http://10.1.2.3/', 'a private (RFC 1918) address'],
    ['http://172.31.0.1/', 'a private (RFC 1918) address'],
    ['http://192.168.1.1/', 'a private (RFC 1918) address'],
    ['http://100.100.100.200/', 'a carrier-grade NAT (RFC 6598) address'],
    ['http://[fd12:3456::1]/', 'a unique local (private) address'],
    ['http://0.0.0.0:9/', 'an unspecified ("this network") address'],
    // WHATWG URL parsing turns these spellings into 127.0.0.1, and the check sees the parsed host.
    ['http://2130706433:9/', '127.0.0.1 is a loopback address'],
    ['http://0x7f.1:9/', '127.0.0.1 is a loopback address'],
  ])('refuses %s', async (url, why) => {
    await expect(httpDatasource.execute(prepared(url), ctx())).rejects.toThrow(why);
  });

  it('checks every redirect: an allowed origin that redirects to a refused address is refused there', async () => {
    const allowOne = createHttpDatasource({ allowAddresses: ['127.0.0.1'] });
    for (const target of [
      `http://127.0.0.2:${other.port}/inside`,
      `http://[::ffff:127.0.0.2]:${other.port}/`,
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      const url = `http://127.0.0.1:${inner.port}/to/${encodeURIComponent(target)}`;
      const config = allowOne.prepare({ url }).config;
      if (!config) throw new Error('unprepared');
      await expect(allowOne.execute(config, ctx())).rejects.toThrow(`GET ${url} refused: redirected to`);
    }
    expect(other.seen).toEqual([]);
    expect(inner.seen).toHaveLength(3);
  });

  it('resolves the name a redirect names, and refuses it when it resolves to a refused address', async () => {
    const allowOther = createHttpDatasource({ allowAddresses: ['127.0.0.2'] });
    const url = `http://127.0.0.2:${other.port}/to/${encodeURIComponent(`http://localhost:${inner.port}/`)}`;
    const config = allowOther.prepare({ url, method: 'POST', request_body: 'x' }).config;
    if (!config) throw new Error('unprepared');
    await expect(allowOther.execute(config, ctx())).rejects.toThrow(
      `POST ${url} refused: redirected to http://localhost:${inner.port}/: localhost resolves to 127.0.0.1, a loopback address`,
    );
    expect(other.seen).toHaveLength(1);
    expect(inner.seen).toEqual([]);
  });

  it('resolves a name once and connects to the address it checked (no DNS rebinding window)', async () => {
    const answers = ['127.0.0.1', '127.0.0.2'];
    let calls = 0;
    const rebinding = ((_host: string, _options: unknown, callback: (...args: unknown[]) => void) => {
      const address = answers[Math.min(calls++, answers.length - 1)];
      callback(null, [{ address, family: 4 }]);
    }) as unknown as typeof dnsLookup;
    const response = await getWithResolver('rebind.test', rebinding);
    expect(response.body).toBe('secret platform data');
    expect(calls).toBe(1);
    expect(inner.seen).toEqual(['/']);
    expect(other.seen).toEqual([]);
  });

  it('refuses a name when any of its addresses is refused', async () => {
    const mixed = ((_host: string, _options: unknown, callback: (...args: unknown[]) => void) =>
      callback(null, [
        { address: '127.0.0.1', family: 4 },
        { address: '10.0.0.1', family: 4 },
      ])) as unknown as typeof dnsLookup;
    await expect(getWithResolver('mixed.test', mixed)).rejects.toThrow(
      'mixed.test resolves to 10.0.0.1, a private (RFC 1918) address',
    );
    expect(inner.seen).toEqual([]);
  });
});

describe('the http data source bounds what it reads', () => {
  const limited = createHttpDatasource({ allowAddresses: ['127.0.0.1'], maxResponseBytes: 1024 * 1024 });
  const run = (path: string) => {
    const config = limited.prepare({ url: `http://127.0.0.1:${inner.port}${path}` }).config;
    if (!config) throw new Error('unprepared');
    return limited.execute(config, ctx());
  };

  it('refuses a response whose declared length is over the limit', async () => {
    await expect(run('/big')).rejects.toThrow(
      'refused: the response is 2097152 bytes, over the limit of 1048576',
    );
  });

  it('stops reading a chunked response at the limit', async () => {
    await expect(run('/big-chunked')).rejects.toThrow(
      'refused: the response is over the limit of 1048576 bytes',
    );
  });

  it('stops following redirects after the limit', async () => {
    await expect(run('/loop')).rejects.toThrow('refused: it redirected more than 10 times');
  });

  it('reads an allowed address when the platform allows it', async () => {
    const out = await run('/');
    expect(out.body).toBe('secret platform data');
    expect(out.status_code).toBe(200);
  });
});
