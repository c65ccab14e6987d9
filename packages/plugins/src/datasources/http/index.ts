import type { Diagnostic, DatasourcePlugin, PluginSchema } from '@kiln/engine';
import { createAddressPolicy } from './address-policy.ts';
import { guardedRequest, RefusedRequestError } from './guarded-request.ts';

export const HTTP_METHODS = ['HEAD', 'GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'] as const;

export interface HttpDatasourceConfig {
  url: string;
  method: (typeof HTTP_METHODS)[number];
  requestHeaders: Record<string, string>;
  requestBody?: string;
}

export const httpDatasourceSchema: PluginSchema = {
  kind: 'datasource',
  type: 'http',
  settings: [
    {
      name: 'url',
      type: 'string',
      required: true,
      description: 'The URL to request; it must answer with a 2xx status.',
    },
    { name: 'method', type: 'string', description: `One of ${HTTP_METHODS.join(', ')}; GET by default.` },
    { name: 'request_headers', type: 'map(string)', description: 'Headers sent with the request.' },
    { name: 'request_body', type: 'string', description: 'The request payload.' },
  ],
};

function fail(summary: string, detail: string): Diagnostic {
  return { severity: 'error', summary, detail };
}

/** What the platform (never a template) decides about the http data source. */
export interface HttpDatasourceOptions {
  /**
   * IP addresses or CIDR ranges reached although they are loopback, private, link-local or metadata
   * addresses: for tests and for an operator whose templates read an internal service. Empty by default.
   */
  allowAddresses?: readonly string[];
  /** The largest response body read; 8 MiB by default. */
  maxResponseBytes?: number;
  /** Redirects followed; 10 by default. */
  maxRedirects?: number;
  /** The time the whole exchange may take; 60 s by default. */
  timeoutMs?: number;
}

export const HTTP_DATASOURCE_DEFAULTS = {
  maxResponseBytes: 8 * 1024 * 1024,
  maxRedirects: 10,
  timeoutMs: 60_000,
} as const;

/**
 * Packer's `http` data source: one HTTP request, whose response is the output (`url`, `body`,
 * `status_code`, `response_headers`, and `request_headers`, Packer's name for the same response
 * headers). A status outside 2xx fails the data source. A tenant's template must not reach the platform's
 * own network: loopback, link-local, private and metadata addresses are refused, checked after DNS and at
 * every redirect on the address the connection is made to, and the response is read up to a size limit.
 */
export function createHttpDatasource(
  options: HttpDatasourceOptions = {},
): DatasourcePlugin<HttpDatasourceConfig> {
  const limits = {
    policy: createAddressPolicy(options.allowAddresses),
    maxResponseBytes: options.maxResponseBytes ?? HTTP_DATASOURCE_DEFAULTS.maxResponseBytes,
    maxRedirects: options.maxRedirects ?? HTTP_DATASOURCE_DEFAULTS.maxRedirects,
    timeoutMs: options.timeoutMs ?? HTTP_DATASOURCE_DEFAULTS.timeoutMs,
  };
  return {
    kind: 'datasource',
    schema: httpDatasourceSchema,
    prepare(config) {
      const diagnostics: Diagnostic[] = [];
      const url = typeof config.url === 'string' ? config.url : '';
      if (url === '') diagnostics.push(fail('Missing url', 'The http data source needs a "url".'));
      else if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
        diagnostics.push(
          fail('Invalid url', `The http data source's url "${url}" is not an http or https URL.`),
        );
      const method = (
        typeof config.method === 'string' && config.method !== '' ? config.method : 'GET'
      ) as string;
      if (!(HTTP_METHODS as readonly string[]).includes(method))
        diagnostics.push(
          fail('Invalid method', `The method "${method}" is not one of ${HTTP_METHODS.join(', ')}.`),
        );
      if (diagnostics.length > 0) return { diagnostics };
      const headers = config.request_headers;
      return {
        config: {
          url,
          method: method as HttpDatasourceConfig['method'],
          requestHeaders:
            headers && typeof headers === 'object' && !Array.isArray(headers)
              ? Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]))
              : {},
          ...(typeof config.request_body === 'string' && config.request_body !== ''
            ? { requestBody: config.request_body }
            : {}),
        },
        diagnostics: [],
      };
    },
    async execute(config, ctx) {
      let response: Awaited<ReturnType<typeof guardedRequest>>;
      try {
        response = await guardedRequest(
          {
            url: config.url,
            method: config.method,
            headers: config.requestHeaders,
            ...(config.requestBody === undefined ? {} : { body: config.requestBody }),
            signal: ctx.signal,
          },
          limits,
        );
      } catch (error) {
        if (error instanceof RefusedRequestError) {
          const rule =
            error.reason === 'address'
              ? '; the http data source does not reach loopback, link-local, private or metadata addresses'
              : '';
          throw new Error(`${config.method} ${config.url} refused: ${error.message}${rule}`, {
            cause: error,
          });
        }
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`${config.method} ${config.url} failed: ${reason}`, { cause: error });
      }
      if (response.status < 200 || response.status >= 300)
        throw new Error(`${config.method} ${config.url} answered with HTTP status ${response.status}`);
      return {
        url: config.url,
        body: response.body,
        status_code: response.status,
        response_headers: response.headers,
        request_headers: response.headers,
      };
    },
  };
}

/** The http data source as a tenant's template gets it: no exception to the refused addresses. */
export const httpDatasource = createHttpDatasource();
