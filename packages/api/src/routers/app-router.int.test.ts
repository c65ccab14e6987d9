import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import pino from 'pino';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../actor.ts';
import { completeDemoVersion, seedDemoWithOwner } from '../test-support/fixtures.ts';
import { RecordingBuildStarter, testSealer } from '../test-support/recording-build-starter.ts';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../test-support/test-database.ts';
import { appRouter, createCaller, createTRPCContext } from './index.ts';

const BROKEN = 'source "file" {\n  content = "x"\n}\n\nwidget "x" {}\n';

describe('appRouter', () => {
  let t: MigratedTestDatabase;
  let demo: Awaited<ReturnType<typeof seedDemoWithOwner>>;
  const starter = new RecordingBuildStarter();
  const logger = pino({ level: 'silent' });

  const context = (actor: Actor | null) =>
    createTRPCContext({
      db: t.db,
      actor,
      buildStarter: starter,
      buildControl: starter,
      sealer: testSealer,
      logger,
    });

  /** Calls a procedure over HTTP through the fetch adapter, as the web app mounts it. */
  async function overHttp(
    actor: Actor | null,
    procedure: string,
    input: unknown,
    method: 'query' | 'mutation',
  ) {
    const encoded = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
    const request =
      method === 'query'
        ? new Request(`http://kiln.test/api/trpc/${procedure}?input=${encoded}`)
        : new Request(`http://kiln.test/api/trpc/${procedure}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(superjson.serialize(input)),
          });
    const response = await fetchRequestHandler({
      endpoint: '/api/trpc',
      req: request,
      router: appRouter,
      createContext: () => context(actor),
    });
    const body = (await response.json()) as {
      error?: {
        json: {
          message: string;
          data: { code: string; httpStatus: number; kiln: { code: string; details: unknown } | null };
        };
      };
      result?: { data: unknown };
    };
    return { status: response.status, body };
  }

  beforeAll(async () => {
    t = await createMigratedTestDatabase();
    demo = await seedDemoWithOwner(t.db);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('tells the signed-in user who they are and where they belong', async () => {
    const me = await createCaller(context(demo.owner)).me.get();
    expect(me).toMatchObject({
      email: 'demo@kiln.local',
      organizations: [{ slug: 'demo', name: 'Demo Organization', role: 'owner' }],
    });
  });

  it('answers UNAUTHORIZED without an actor', async () => {
    const { status, body } = await overHttp(null, 'me.get', undefined, 'query');
    expect(status).toBe(401);
    expect(body.error?.json.data.code).toBe('UNAUTHORIZED');
  });

  it('returns the latest template revision and validates drafts with every diagnostic', async () => {
    const caller = createCaller(context(demo.owner));
    const template = await caller.templates.get({ org: 'demo', project: 'default', template: 'hello' });
    expect(template.revision).toMatchObject({ number: 1, filename: 'demo.pkr.hcl' });
    const validation = await caller.templates.validate({ filename: 'draft.pkr.hcl', content: BROKEN });
    expect(validation.valid).toBe(false);
    expect(validation.diagnostics.map((d) => d.line)).toEqual(expect.arrayContaining([1, 5]));
  });

  it('validates drafts for members only: a signed-in user of no organization is FORBIDDEN', async () => {
    const [stranger] = await t.sql<{ id: string }>(
      "insert into users (id, email, name) values ('01STRANGER000000000000000', 'stranger@example.com', 'Stranger') returning id",
    );
    const actor: Actor = { type: 'user', id: stranger?.id ?? '' };
    const { status, body } = await overHttp(
      actor,
      'templates.validate',
      { filename: 'draft.pkr.hcl', content: BROKEN },
      'query',
    );
    expect(status).toBe(403);
    expect(body.error?.json.message).toBe('validating templates is for members of an organization');
    const anonymous = await overHttp(
      null,
      'templates.validate',
      { filename: 'a.pkr.hcl', content: '' },
      'query',
    );
    expect(anonymous.status).toBe(401);
  });

  it('maps an invalid revision to BAD_REQUEST carrying the diagnostics', async () => {
    const { status, body } = await overHttp(
      demo.owner,
      'templates.saveRevision',
      { org: 'demo', project: 'default', template: 'hello', content: BROKEN },
      'mutation',
    );
    expect(status).toBe(400);
    expect(body.error?.json.data.code).toBe('BAD_REQUEST');
    expect(body.error?.json.data.kiln?.code).toBe('INVALID');
    const details = body.error?.json.data.kiln?.details as {
      diagnostics: { line: number; sourceLine: string }[];
    };
    expect(details.diagnostics.map((d) => d.sourceLine)).toEqual(
      expect.arrayContaining(['source "file" {', 'widget "x" {}']),
    );
    expect(await t.count('template_revisions')).toBe(1);
  });

  it('saves a changed revision and starts, lists and reads build runs', async () => {
    const caller = createCaller(context(demo.owner));
    const current = await caller.templates.get({ org: 'demo', project: 'default', template: 'hello' });
    const saved = await caller.templates.saveRevision({
      org: 'demo',
      project: 'default',
      template: 'hello',
      content: current.revision.content.replace('hello from kiln', 'hello again'),
    });
    expect(saved).toMatchObject({ revision: 2, created: true });

    const { id } = await caller.buildRuns.start({ org: 'demo', project: 'default', template: 'hello' });
    const runs = await caller.buildRuns.list({ org: 'demo', project: 'default' });
    expect(runs.map((r) => [r.id, r.revisionNumber, r.status])).toEqual([[id, 2, 'queued']]);
    const run = await caller.buildRuns.get({ org: 'demo', project: 'default', id });
    expect(run).toMatchObject({ id, templateName: 'hello', steps: [] });
    const logs = await caller.buildRuns.logs({ org: 'demo', project: 'default', id, afterSeq: 0 });
    expect(logs).toEqual({ status: 'queued', lines: [], lastSeq: 0 });
  });

  it('maps NOT_FOUND and PRECONDITION_FAILED over HTTP', async () => {
    const { versionId } = await completeDemoVersion(t.db, demo.owner);
    const missing = await overHttp(
      demo.owner,
      'registry.getBucket',
      { org: 'demo', project: 'default', bucket: 'nope' },
      'query',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error?.json.message).toBe('bucket "nope" in project "default" was not found');
    const latest = await overHttp(
      demo.owner,
      'registry.assignChannel',
      { org: 'demo', project: 'default', bucket: 'demo', channel: 'latest', versionId },
      'mutation',
    );
    expect(latest.status).toBe(412);
    expect(latest.body.error?.json.data.kiln?.code).toBe('PRECONDITION_FAILED');
  });

  it('assigns channels, shows history and audit, and manages service principals', async () => {
    const caller = createCaller(context(demo.owner));
    const bucket = await caller.registry.getBucket({ org: 'demo', project: 'default', bucket: 'demo' });
    const versionId = bucket.versions[0]!.id;
    await caller.registry.assignChannel({
      org: 'demo',
      project: 'default',
      bucket: 'demo',
      channel: 'prod',
      versionId,
    });
    const history = await caller.registry.channelHistory({
      org: 'demo',
      project: 'default',
      bucket: 'demo',
      channel: 'prod',
    });
    expect(history).toHaveLength(1);
    const created = await caller.servicePrincipals.create({ org: 'demo', name: 'deployer', role: 'viewer' });
    expect(created.clientSecret.length).toBeGreaterThan(40);
    const listed = await caller.servicePrincipals.list({ org: 'demo' });
    expect(listed.map((p) => p.name).sort()).toEqual(['demo-ci', 'deployer']);
    expect(JSON.stringify(listed)).not.toContain(created.clientSecret);
    const audit = await caller.audit.list({ org: 'demo' });
    expect(audit[0]).toMatchObject({ action: 'auth.service-principal.created', actorId: demo.userId });
    expect(audit.map((e) => e.action)).toContain('registry.channel.assigned');
  });
});
