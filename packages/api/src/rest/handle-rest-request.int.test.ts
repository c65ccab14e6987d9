import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../actor.ts';
import { assignChannel } from '../services/registry/assign-channel.ts';
import { createChannel } from '../services/registry/create-channel.ts';
import { createServicePrincipal } from '../services/service-principals/create-service-principal.ts';
import { revokeServicePrincipal } from '../services/service-principals/revoke-service-principal.ts';
import { completeDemoVersion, seedDemoWithOwner, seedOtherOrganization } from '../test-support/fixtures.ts';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../test-support/test-database.ts';
import { handleRestRequest } from './handle-rest-request.ts';

const BASE = 'http://kiln.test/api/v1/orgs/demo/projects/default/buckets/demo/channels';

function basic(clientId: string, secret: string, urlEscape = false): string {
  const enc = urlEscape ? encodeURIComponent : (s: string) => s;
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(secret)}`).toString('base64')}`;
}

describe('REST /api/v1 channel lookups', () => {
  let t: MigratedTestDatabase;
  let demo: Awaited<ReturnType<typeof seedDemoWithOwner>>;
  let credentials: { clientId: string; clientSecret: string };
  let versionId: string;

  const get = async (url: string, authorization?: string) => {
    const response = await handleRestRequest(
      new Request(url, { headers: authorization ? { authorization } : {} }),
      { db: t.db },
    );
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, unknown>,
    };
  };

  beforeAll(async () => {
    t = await createMigratedTestDatabase();
    demo = await seedDemoWithOwner(t.db);
    credentials = {
      clientId: demo.servicePrincipal.clientId,
      clientSecret: demo.servicePrincipal.clientSecret!,
    };
    versionId = (await completeDemoVersion(t.db, demo.owner)).versionId;
    await assignChannel(t.db, demo.owner, {
      org: 'demo',
      project: 'default',
      bucket: 'demo',
      channel: 'production',
      versionId,
    });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('returns the channel with its version, builds and artifacts to a service principal', async () => {
    const { status, body } = await get(
      `${BASE}/production`,
      basic(credentials.clientId, credentials.clientSecret),
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      organization: 'demo',
      project: 'default',
      bucket: 'demo',
      channel: { name: 'production', managed: false, restricted: false },
      version: {
        id: versionId,
        name: 'v1',
        status: 'active',
        created_by: demo.userId,
        builds: [
          {
            component_type: 'file.hello',
            platform: 'file',
            status: 'done',
            artifacts: [
              { external_identifier: 'ami-0123456789abcdef0', region: 'eu-west-1' },
              { external_identifier: 'hello.txt', region: 'local' },
            ],
          },
        ],
      },
    });
    const version = body.version as { fingerprint: string; created_at: string };
    expect(version.fingerprint).toMatch(/^[0-9a-z]{26}$/);
    expect(new Date(version.created_at).toString()).not.toBe('Invalid Date');
  });

  it('accepts URL-escaped Basic credentials', async () => {
    const { status } = await get(
      `${BASE}/production`,
      basic(credentials.clientId, credentials.clientSecret, true),
    );
    expect(status).toBe(200);
  });

  it('asks for credentials with 401 and WWW-Authenticate when there are none', async () => {
    const { status, headers, body } = await get(`${BASE}/production`);
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(body).toEqual({
      error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('HTTP Basic') },
    });
  });

  it('answers 401 to a wrong secret, an unknown client and a malformed header alike', async () => {
    for (const authorization of [
      basic(credentials.clientId, 'not-the-secret'),
      basic('kiln-unknown', credentials.clientSecret),
      'Bearer abc',
    ]) {
      const { status } = await get(`${BASE}/production`, authorization);
      expect(status).toBe(401);
    }
  });

  it("answers 404 to another organization's service principal", async () => {
    const other = await seedOtherOrganization(t.db);
    const sp = await createServicePrincipal(t.db, other.actor, { org: 'other', name: 'ci', role: 'owner' });
    const { status, body } = await get(`${BASE}/production`, basic(sp.clientId, sp.clientSecret));
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: 'NOT_FOUND', message: 'organization "demo" was not found' } });
  });

  it('answers 404 for unknown paths and resources', async () => {
    const auth = basic(credentials.clientId, credentials.clientSecret);
    expect((await get('http://kiln.test/api/v1/nothing', auth)).status).toBe(404);
    expect((await get(`${BASE}/nope`, auth)).status).toBe(404);
    expect((await get(`${BASE.replace('buckets/demo', 'buckets/nope')}/production`, auth)).status).toBe(404);
  });

  it('answers 404 with a clear message for a channel without a version', async () => {
    await createChannel(t.db, demo.owner, {
      org: 'demo',
      project: 'default',
      bucket: 'demo',
      channel: 'empty',
    });
    const { status, body } = await get(
      `${BASE}/empty`,
      basic(credentials.clientId, credentials.clientSecret),
    );
    expect(status).toBe(404);
    expect((body.error as { message: string }).message).toBe(
      'a version on channel "empty" of bucket "demo" (none is assigned) was not found',
    );
  });

  it('serves the channel as Terraform state', async () => {
    const { status, body } = await get(
      `${BASE}/production/terraform-state`,
      basic(credentials.clientId, credentials.clientSecret),
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ version: 4, serial: 1, resources: [] });
    expect(body.lineage).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(body.outputs).toMatchObject({
      bucket: { value: 'demo', type: 'string' },
      channel: { value: 'production', type: 'string' },
      version_id: { value: versionId, type: 'string' },
      version_name: { value: 'v1', type: 'string' },
      artifacts: {
        value: { file: { local: 'hello.txt', 'eu-west-1': 'ami-0123456789abcdef0' } },
        type: ['map', ['map', 'string']],
      },
      artifact_ids: {
        value: { 'file.hello.local': 'hello.txt', 'file.hello.eu-west-1': 'ami-0123456789abcdef0' },
        type: ['map', 'string'],
      },
    });
  });

  it('hides the restricted latest channel from a viewer and shows it to a contributor', async () => {
    const viewer = await createServicePrincipal(t.db, demo.owner, {
      org: 'demo',
      name: 'reader',
      role: 'viewer',
    });
    const asViewer = await get(`${BASE}/latest`, basic(viewer.clientId, viewer.clientSecret));
    expect(asViewer.status).toBe(404);
    const asContributor = await get(`${BASE}/latest`, basic(credentials.clientId, credentials.clientSecret));
    expect(asContributor.status).toBe(200);
    expect(asContributor.body).toMatchObject({
      channel: { name: 'latest', managed: true, restricted: true },
    });
  });

  it('refuses a revoked service principal with 401', async () => {
    const owner: Actor = demo.owner;
    const sp = await createServicePrincipal(t.db, owner, {
      org: 'demo',
      name: 'short-lived',
      role: 'viewer',
    });
    const auth = basic(sp.clientId, sp.clientSecret);
    expect((await get(`${BASE}/production`, auth)).status).toBe(200);
    await revokeServicePrincipal(t.db, owner, { org: 'demo', id: sp.id });
    expect((await get(`${BASE}/production`, auth)).status).toBe(401);
  });
});
