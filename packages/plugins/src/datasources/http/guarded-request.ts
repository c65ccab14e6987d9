import { lookup as dnsLookup } from 'node:dns';
import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { AddressPolicy } from './address-policy.ts';

export interface GuardedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

export interface GuardedRequestLimits {
  policy: AddressPolicy;
  maxResponseBytes: number;
  maxRedirects: number;
  timeoutMs: number;
  /** The resolver (getaddrinfo by default); tests hand in one that answers differently on each call. */
  resolve?: typeof dnsLookup;
}

export interface GuardedResponse {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A request the address policy refused (`address`), or one that broke a limit (`limit`): the message says why. */
export class RefusedRequestError extends Error {
  override name = 'RefusedRequestError';
  constructor(
    message: string,
    readonly reason: 'address' | 'limit',
  ) {
    super(message);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers that carry credentials: not sent on to another origin by a redirect (as fetch does). */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * A DNS lookup that checks every address the name resolves to, and hands the connection exactly the one it
 * checked: the socket connects to that address, so no second resolution can swap it (DNS rebinding).
 */
function checkedLookup(policy: AddressPolicy, host: string, resolve = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { family: options.family, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      for (const { address } of addresses) {
        const why = policy.refusal(address);
        if (why)
          return callback(
            new RefusedRequestError(`${host} resolves to ${address}, ${why}`, 'address'),
            '',
            0,
          );
      }
      const [first] = addresses;
      if (!first) return callback(new Error(`${host} has no address`), '', 0);
      if (options.all) return callback(null, [first] as never, first.family);
      return callback(null, first.address, first.family);
    });
  };
}

function readCapped(response: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      response.destroy();
      reject(
        new RefusedRequestError(`the response is ${declared} bytes, over the limit of ${maxBytes}`, 'limit'),
      );
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Rejected before the socket is destroyed: the close that follows must not be the reason given.
        reject(new RefusedRequestError(`the response is over the limit of ${maxBytes} bytes`, 'limit'));
        response.destroy();
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
    response.on('aborted', () => reject(new Error('the connection closed before the response ended')));
  });
}

function headersOf(response: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

function send(hop: Hop, limits: GuardedRequestLimits, signal: AbortSignal): Promise<IncomingMessage> {
  const host = hostOf(hop.url);
  if (isIP(host) !== 0) {
    const why = limits.policy.refusal(host);
    if (why) return Promise.reject(new RefusedRequestError(`${host} is ${why}`, 'address'));
  }
  const request = hop.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(hop.url, {
      method: hop.method,
      headers: hop.headers,
      lookup: checkedLookup(limits.policy, host, limits.resolve),
      signal,
      // One connection per request: an agent's pooled socket was checked for another host.
      agent: false,
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end(hop.body);
  });
}

/**
 * One HTTP request that reaches only addresses the policy allows: the name is resolved once and the
 * connection made to the address that was checked, at the first URL and at every redirect; the body is
 * read up to a size limit, and the whole exchange has a time limit.
 */
export async function guardedRequest(
  input: GuardedRequest,
  limits: GuardedRequestLimits,
): Promise<GuardedResponse> {
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = AbortSignal.any([input.signal, timeout]);
  let hop: Hop = {
    url: new URL(input.url),
    method: input.method,
    headers: input.headers,
    ...(input.body === undefined ? {} : { body: input.body }),
  };
  let redirected = false;
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await send(hop, limits, signal);
      const location = response.headers.location;
      if (!REDIRECTS.has(response.statusCode ?? 0) || location === undefined) {
        return {
          url: hop.url.toString(),
          status: response.statusCode ?? 0,
          headers: headersOf(response),
          body: await readCapped(response, limits.maxResponseBytes),
        };
      }
      response.resume();
      if (redirects >= limits.maxRedirects)
        throw new RefusedRequestError(`it redirected more than ${limits.maxRedirects} times`, 'limit');
      const next = new URL(location, hop.url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:')
        throw new RefusedRequestError(`it redirects to ${next.protocol} URL ${next.toString()}`, 'limit');
      hop = redirectedHop(hop, next, response.statusCode ?? 0);
      redirected = true;
    }
  } catch (error) {
    if (timeout.aborted && !input.signal.aborted)
      throw new RefusedRequestError(`no complete answer within ${limits.timeoutMs / 1000} s`, 'limit');
    if (error instanceof RefusedRequestError && error.reason === 'address' && redirected)
      throw new RefusedRequestError(`redirected to ${hop.url.toString()}: ${error.message}`, error.reason);
    throw error;
  }
}

/** The next request of a redirect, as fetch makes it: 303 (and 301/302 after POST) become GET without body. */
function redirectedHop(hop: Hop, next: URL, status: number): Hop {
  const toGet =
    status === 303 ? hop.method !== 'HEAD' : (status === 301 || status === 302) && hop.method === 'POST';
  const sameOrigin = next.origin === hop.url.origin;
  const headers = Object.fromEntries(
    Object.entries(hop.headers).filter(([name]) => {
      const lower = name.toLowerCase();
      if (!sameOrigin && CREDENTIAL_HEADERS.has(lower)) return false;
      return !(toGet && (lower === 'content-type' || lower === 'content-length'));
    }),
  );
  return {
    url: next,
    method: toGet ? 'GET' : hop.method,
    headers,
    ...(toGet || hop.body === undefined ? {} : { body: hop.body }),
  };
}
