import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpDatasource, httpDatasource } from './index.ts';

/** The data source with loopback let through, as a test or an operator (never a template) sets it. */
const allowLoopback = createHttpDatasource({ allowAddresses: ['127.0.0.1'] });

let server: Server;
let base = '';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/missing') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('nope');
      return;
    }
    readBody(req).then(
      (body) =>
        res
          .writeHead(200, {
            'content-type': 'application/json',
            'x-echo': String(req.headers['x-token'] ?? ''),
          })
          .end(JSON.stringify({ method: req.method, path: req.url, body })),
      (error: Error) => res.writeHead(500).end(error.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
});

const ctx = () => ({ signal: new AbortController().signal });

function prepared(config: Record<string, unknown>) {
  const result = allowLoopback.prepare(config as never);
  if (!result.config) throw new Error(result.diagnostics.map((d) => d.detail).join('; '));
  return result.config;
}

describe('http data source', () => {
  it('sends the method, headers and body and returns the response', async () => {
    const config = prepared({
      url: `${base}/data`,
      method: 'POST',
      request_headers: { 'X-Token': 't1' },
      request_body: 'payload',
    });
    const out = await allowLoopback.execute(config, ctx());
    expect(out.status_code).toBe(200);
    expect(JSON.parse(String(out.body))).toEqual({ method: 'POST', path: '/data', body: 'payload' });
    expect(out.url).toBe(`${base}/data`);
    expect((out.response_headers as Record<string, string>)['x-echo']).toBe('t1');
    expect(out.request_headers).toEqual(out.response_headers);
  });

  it('defaults to GET', async () => {
    const out = await allowLoopback.execute(prepared({ url: `${base}/x` }), ctx());
    expect(JSON.parse(String(out.body)).method).toBe('GET');
  });

  it('fails on a status outside 2xx, naming the URL', async () => {
    await expect(allowLoopback.execute(prepared({ url: `${base}/missing` }), ctx())).rejects.toThrow(
      `GET ${base}/missing answered with HTTP status 404`,
    );
  });

  it('fails when nothing listens, naming the URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(allowLoopback.execute(prepared({ url }), ctx())).rejects.toThrow(`GET ${url} failed:`);
  });

  it('refuses a missing url and an unknown method', () => {
    expect(httpDatasource.prepare({}).diagnostics.map((d) => d.summary)).toEqual(['Missing url']);
    expect(httpDatasource.prepare({ url: 'ftp://x/' }).diagnostics.map((d) => d.summary)).toEqual([
      'Invalid url',
    ]);
    expect(
      httpDatasource.prepare({ url: 'http://x/', method: 'FETCH' }).diagnostics.map((d) => d.summary),
    ).toEqual(['Invalid method']);
  });
});
