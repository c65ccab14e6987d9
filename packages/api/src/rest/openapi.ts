/**
 * The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json` (no credentials
 * needed to read it). Every path here is handled by `handleRestRequest`.
 */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponses = {
  '400': { description: 'Invalid input', content: { 'application/json': { schema: ref('Error') } } },
  '401': {
    description: 'No or wrong credentials',
    content: { 'application/json': { schema: ref('Error') } },
  },
  '403': {
    description: 'The role does not allow this',
    content: { 'application/json': { schema: ref('Error') } },
  },
  '404': {
    description: 'Not found, or of another organization',
    content: { 'application/json': { schema: ref('Error') } },
  },
  '409': {
    description: 'Not possible in the current state',
    content: { 'application/json': { schema: ref('Error') } },
  },
};
const path = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const projectParams = [path('org', 'Organization slug'), path('project', 'Project slug')];
const runParams = [...projectParams, path('id', 'Build run id (ULID)')];
const json = (schema: object) => ({ content: { 'application/json': { schema } } });

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Kiln API',
    version: '1',
    description:
      "Start and control build runs from CI, and read images from the registry. Authenticate with HTTP Basic: a service principal's client id and secret.",
  },
  servers: [{ url: '/' }],
  security: [{ basic: [] }],
  paths: {
    '/api/v1/orgs/{org}/projects/{project}/build-runs': {
      parameters: projectParams,
      get: {
        summary: 'List build runs, newest first',
        parameters: [
          { name: 'template', in: 'query', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1 } },
        ],
        responses: {
          '200': {
            description: 'The runs',
            ...json({ type: 'object', properties: { buildRuns: { type: 'array', items: ref('BuildRun') } } }),
          },
          ...errorResponses,
        },
      },
      post: {
        summary: "Start a build run of a template's latest revision",
        requestBody: { required: true, ...json(ref('StartBuildRun')) },
        responses: {
          '201': { description: 'Started', ...json(ref('BuildRun')) },
          ...errorResponses,
        },
      },
    },
    '/api/v1/orgs/{org}/projects/{project}/build-runs/{id}': {
      parameters: runParams,
      get: {
        summary: 'A build run with its steps',
        responses: { '200': { description: 'The run', ...json(ref('BuildRun')) }, ...errorResponses },
      },
    },
    '/api/v1/orgs/{org}/projects/{project}/build-runs/{id}/logs': {
      parameters: runParams,
      get: {
        summary: 'Build output after a sequence number',
        parameters: [
          { name: 'after', in: 'query', schema: { type: 'integer', minimum: 0 } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
        ],
        responses: {
          '200': { description: 'Lines and the run status', ...json(ref('LogPage')) },
          ...errorResponses,
        },
      },
    },
    '/api/v1/orgs/{org}/projects/{project}/build-runs/{id}/resources': {
      parameters: runParams,
      get: {
        summary: 'The temporary resources the run created (the ledger), orphans with how to remove them',
        responses: {
          '200': {
            description: 'The resources',
            ...json({ type: 'object', properties: { resources: { type: 'array', items: ref('Resource') } } }),
          },
          ...errorResponses,
        },
      },
    },
    '/api/v1/orgs/{org}/projects/{project}/build-runs/{id}/cancel': {
      parameters: runParams,
      post: {
        summary: 'Cancel a queued or running build run; it cleans up what it created',
        responses: { '202': { description: 'Cancelling', ...json(ref('Accepted')) }, ...errorResponses },
      },
    },
    '/api/v1/orgs/{org}/projects/{project}/build-runs/{id}/builds/{build}/resume': {
      parameters: [...runParams, path('build', 'Build name, <build>.<type>.<source>')],
      post: {
        summary: 'Resume a build that waits at a breakpoint',
        responses: { '202': { description: 'Resumed', ...json(ref('Accepted')) }, ...errorResponses },
      },
    },
    '/api/v1/orgs/{org}/projects/{project}/buckets/{bucket}/channels/{channel}': {
      parameters: [...projectParams, path('bucket', 'Bucket name'), path('channel', 'Channel name')],
      get: {
        summary: 'A channel with its version, builds and artifacts',
        responses: { '200': { description: 'The channel', ...json({ type: 'object' }) }, ...errorResponses },
      },
    },
    '/api/v1/orgs/{org}/projects/{project}/buckets/{bucket}/channels/{channel}/terraform-state': {
      parameters: [...projectParams, path('bucket', 'Bucket name'), path('channel', 'Channel name')],
      get: {
        summary: 'The channel as a Terraform state (v4) for terraform_remote_state with the http backend',
        responses: {
          '200': { description: 'A Terraform state', ...json({ type: 'object' }) },
          ...errorResponses,
        },
      },
    },
  },
  components: {
    securitySchemes: { basic: { type: 'http', scheme: 'basic' } },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
      StartBuildRun: {
        type: 'object',
        required: ['template'],
        properties: {
          template: { type: 'string', description: 'Template name in the project' },
          variables: {
            type: 'object',
            additionalProperties: { type: 'string' },
            description: '-var values; sealed at rest and never shown again',
          },
          varFiles: {
            type: 'array',
            maxItems: 16,
            items: {
              type: 'object',
              required: ['filename', 'content'],
              properties: { filename: { type: 'string' }, content: { type: 'string' } },
            },
          },
          only: { type: 'array', items: { type: 'string' } },
          except: { type: 'array', items: { type: 'string' } },
          parallelBuilds: { type: 'integer', minimum: 0, maximum: 64, description: '0: all at once' },
          failFast: { type: 'boolean', description: 'A failed build cancels the others' },
          onError: { enum: ['cleanup', 'abort', 'run-cleanup-provisioner'] },
          deadlineSeconds: { type: 'integer', minimum: 1 },
        },
      },
      BuildRun: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          status: { enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] },
          failureClass: { type: ['string', 'null'] },
          error: { type: ['string', 'null'] },
          steps: { type: 'array', items: { type: 'object' } },
        },
      },
      LogPage: {
        type: 'object',
        properties: {
          status: { type: 'string' },
          lines: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                seq: { type: 'integer' },
                buildName: { type: ['string', 'null'] },
                stream: { enum: ['stdout', 'stderr', 'system'] },
                text: { type: 'string' },
              },
            },
          },
        },
      },
      Resource: {
        type: 'object',
        properties: {
          build: { type: 'string' },
          key: { type: 'string' },
          kind: { type: 'string' },
          provider: { type: 'string' },
          status: { enum: ['intended', 'created', 'deleted', 'orphaned'] },
          externalId: { type: ['string', 'null'] },
          reason: { type: ['string', 'null'] },
          removal: { type: ['string', 'null'], description: 'How to remove it by hand, for one not deleted' },
        },
      },
      Accepted: { type: 'object' },
    },
  },
} as const;
