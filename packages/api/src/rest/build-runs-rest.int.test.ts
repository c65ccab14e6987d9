import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRunSecrets, eq } from '@kiln/db';
import { createTemplate } from '../services/templates/create-template.ts';
import { markBuildRunRunning } from '../services/build-runs/mark-build-run-running.ts';
import { openBuildLedger } from '../services/build-runs/open-build-ledger.ts';
import { recordBuildStepEvent } from '../services/build-runs/record-build-step-event.ts';
import { seedDemoWithOwner, seedOtherOrganization } from '../test-support/fixtures.ts';
import { RecordingBuildStarter, testSealer } from '../test-support/recording-build-starter.ts';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../test-support/test-database.ts';
import { handleRestRequest } from './handle-rest-request.ts';

const BASE = 'http://kiln.test/api/v1/orgs/demo/projects/default/build-runs';

describe('REST /api/v1 build runs: run control for CI', () => {
  let t: MigratedTestDatabase;
  let authorization: string;
  let otherAuthorization: string;
  const starter = new RecordingBuildStarter();

  const call = async (method: string, url: string, body?: unknown, auth = authorization) => {
    const response = await handleRestRequest(
      new Request(url, {
        method,
        headers: {
          authorization: auth,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      }),
      { db: t.db, buildStarter: starter, buildControl: starter, sealer: testSealer },
    );
    return {
      status: response.status,
      headers: response.headers,
      // biome-ignore lint/suspicious/noExplicitAny: the bodies of several routes, read field by field below.
      body: (await response.json()) as Record<string, any>,
    };
  };

  beforeAll(async () => {
    t = await createMigratedTestDatabase();
    const demo = await seedDemoWithOwner(t.db);
    const p = demo.servicePrincipal;
    authorization = `Basic ${Buffer.from(`${p.clientId}:${p.clientSecret}`).toString('base64')}`;
    await seedOtherOrganization(t.db);
    await createTemplate(t.db, demo.owner, {
      org: 'demo',
      project: 'default',
      name: 'ci',
      content:
        'variable "token" {\n  type      = string\n  sensitive = true\n}\nsource "file" "hello" {\n  content = var.token\n  target  = "t.txt"\n}\nbuild {\n  name    = "demo"\n  sources = ["source.file.hello"]\n}\n',
    });
    otherAuthorization = 'Basic ' + Buffer.from('nobody:wrong').toString('base64');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('serves its OpenAPI description without credentials', async () => {
    const response = await handleRestRequest(new Request('http://kiln.test/api/v1/openapi.json'), {
      db: t.db,
    });
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/orgs/{org}/projects/{project}/build-runs/{id}/cancel');
  });

  it('starts a run with options and sealed variables, then lists, reads, cancels it and shows its resources', async () => {
    const unset = await call('POST', BASE, { template: 'ci' });
    expect(unset.status).toBe(400);
    expect(unset.body.error.message).toContain('Unset variable');
    const started = await call('POST', BASE, {
      template: 'ci',
      only: ['demo.*'],
      parallelBuilds: 2,
      failFast: true,
      onError: 'abort',
      deadlineSeconds: 600,
      variables: { token: 'ci-secret-123' },
    });
    expect(started.status).toBe(201);
    expect(started.body.status).toBe('queued');
    const id = started.body.id as string;
    expect(started.headers.get('location')).toBe(`/api/v1/orgs/demo/projects/default/build-runs/${id}`);
    expect(starter.started.at(-1)).toMatchObject({ buildRunId: id });
    expect(JSON.stringify(started.body)).not.toContain('ci-secret-123');
    const [sealed] = await t.db.select().from(buildRunSecrets).where(eq(buildRunSecrets.buildRunId, id));
    expect(sealed?.sealed).not.toContain('ci-secret-123');

    const listed = await call('GET', BASE);
    expect(listed.status).toBe(200);
    expect(listed.body.buildRuns.map((r: { id: string }) => r.id)).toContain(id);
    expect((await call('GET', `${BASE}/${id}`)).body).toMatchObject({ id, status: 'queued' });
    expect((await call('GET', `${BASE}/${id}/logs?after=0`)).body).toMatchObject({
      status: 'queued',
      lines: [],
    });

    await markBuildRunRunning(t.db, {
      buildRunId: id,
      builds: [{ name: 'demo.file.hello', steps: [{ index: 0, name: 'write', kind: 'builder' }] }],
    });
    const ledger = await openBuildLedger(t.db, {
      buildRunId: id,
      buildName: 'demo.file.hello',
      stepIndex: 0,
    });
    const entry = await ledger.intend({
      key: 'dir',
      kind: 'ssh-remote-folder',
      provider: 'ssh',
      description: 'scripts',
    });
    expect(entry.idempotencyKey).toMatch(/^[A-Za-z0-9-]{1,64}$/);
    await ledger.created('dir', '/tmp/kiln-x', { address: 'ci@build-host:22' });
    await ledger.orphaned('dir', 'permission denied');
    const resources = await call('GET', `${BASE}/${id}/resources`);
    expect(resources.body.resources).toMatchObject([
      { key: 'dir', status: 'orphaned', externalId: '/tmp/kiln-x', reason: 'permission denied' },
    ]);
    expect(resources.body.resources[0].removal).toContain('ssh ci@build-host:22 rm -rf /tmp/kiln-x');

    const resume = await call('POST', `${BASE}/${id}/builds/demo.file.hello/resume`);
    expect(resume.status).toBe(409);
    await recordBuildStepEvent(t.db, {
      buildRunId: id,
      buildName: 'demo.file.hello',
      stepIndex: 0,
      event: 'paused',
    });
    expect((await call('POST', `${BASE}/${id}/builds/demo.file.hello/resume`)).status).toBe(202);
    expect(starter.resumed.at(-1)).toMatchObject({ buildRunId: id, buildName: 'demo.file.hello' });

    const cancelled = await call('POST', `${BASE}/${id}/cancel`);
    expect(cancelled.status).toBe(202);
    expect(starter.cancelled.at(-1)).toMatchObject({ buildRunId: id });
  });

  it('refuses bad input with a clear error, wrong methods, and strangers', async () => {
    const bad = await call('POST', BASE, { template: 'hello', onError: 'explode', parallelBuilds: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('onError');
    expect(bad.body.error.message).toContain('parallelBuilds');
    expect((await call('POST', BASE, '{not json')).body.error.message).toContain('not JSON');
    expect((await call('POST', BASE, { template: 'nope' })).status).toBe(404);
    expect((await call('DELETE', BASE)).status).toBe(405);
    expect((await call('GET', BASE, undefined, otherAuthorization)).status).toBe(401);
    const huge = await call('POST', BASE, { template: 'hello', variables: { x: 'y'.repeat(1024 * 1024) } });
    expect(huge.status).toBe(400);
  });
});
