import type { Diagnostic, DatasourcePlugin, PluginSchema } from '@kiln/engine';

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

/**
 * Packer's `http` data source: one HTTP request, whose response is the output (`url`, `body`,
 * `status_code`, `response_headers`, and `request_headers`, Packer's name for the same response
 * headers). A status outside 2xx fails the data source.
 */
export const httpDatasource: DatasourcePlugin<HttpDatasourceConfig> = {
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
    let response: Response;
    try {
      response = await fetch(config.url, {
        method: config.method,
        headers: config.requestHeaders,
        ...(config.requestBody === undefined ? {} : { body: config.requestBody }),
        signal: ctx.signal,
        redirect: 'follow',
      });
    } catch (error) {
      const reason =
        error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
      throw new Error(`${config.method} ${config.url} failed: ${reason}`, { cause: error });
    }
    const body = await response.text();
    if (response.status < 200 || response.status >= 300)
      throw new Error(`${config.method} ${config.url} answered with HTTP status ${response.status}`);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return {
      url: config.url,
      body,
      status_code: response.status,
      response_headers: headers,
      request_headers: headers,
    };
  },
};
