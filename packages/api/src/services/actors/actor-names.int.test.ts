import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../actor.ts';
import { insertUserIfMissing, upsertMembership } from '../../repositories/tenancy-repository.ts';
import { completeDemoVersion, DEMO, seedDemoWithOwner } from '../../test-support/fixtures.ts';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../test-support/test-database.ts';
import { listAuditEvents } from '../audit/list-audit-events.ts';
import { authenticateServicePrincipal } from '../auth/authenticate-service-principal.ts';
import { getBuildRun } from '../build-runs/get-build-run.ts';
import { listBuildRuns } from '../build-runs/list-build-runs.ts';
import { DEMO_SERVICE_PRINCIPAL_NAME } from '../demo/seed-demo.ts';
import { assignChannel } from '../registry/assign-channel.ts';
import { getBucket } from '../registry/get-bucket.ts';
import { getChannelWithVersion } from '../registry/get-channel-with-version.ts';
import { listChannelHistory } from '../registry/list-channel-history.ts';

const OWNER_NAME = 'Demo User (demo@kiln.local)';

describe('actor names in read models', () => {
  let t: MigratedTestDatabase;
  let seeded: Awaited<ReturnType<typeof seedDemoWithOwner>>;
  let principal: Actor & { type: 'service_principal' };
  let departed: { id: string; actor: Actor };
  let runs: Record<'owner' | 'principal' | 'departed', { buildRunId: string; versionId: string }>;

  beforeAll(async () => {
    t = await createMigratedTestDatabase();
    seeded = await seedDemoWithOwner(t.db);
    const { clientId, clientSecret } = seeded.servicePrincipal;
    const authenticated = await authenticateServicePrincipal(t.db, { clientId, clientSecret: clientSecret! });
    principal = authenticated!;
    const user = await insertUserIfMissing(t.db, {
      email: 'departed@example.com',
      name: 'Departed',
      passwordHash: null,
    });
    await upsertMembership(t.db, {
      organizationId: seeded.organizationId,
      userId: user.id,
      role: 'contributor',
    });
    departed = { id: user.id, actor: { type: 'user', id: user.id } };

    runs = {
      owner: await completeDemoVersion(t.db, seeded.owner),
      principal: await completeDemoVersion(t.db, principal),
      departed: await completeDemoVersion(t.db, departed.actor),
    };
    await assignChannel(t.db, seeded.owner, {
      ...DEMO,
      bucket: 'demo',
      channel: 'prod',
      versionId: runs.owner.versionId,
    });
    await assignChannel(t.db, principal, {
      ...DEMO,
      bucket: 'demo',
      channel: 'prod',
      versionId: runs.principal.versionId,
    });
    await t.sql('delete from users where id = $1', [departed.id]);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('names who started each build run', async () => {
    const listed = await listBuildRuns(t.db, seeded.owner, { ...DEMO });
    const byId = new Map(listed.map((r) => [r.id, r.actorName]));
    expect(byId.get(runs.owner.buildRunId)).toBe(OWNER_NAME);
    expect(byId.get(runs.principal.buildRunId)).toBe(DEMO_SERVICE_PRINCIPAL_NAME);
    expect(byId.get(runs.departed.buildRunId)).toBe(`deleted user ${departed.id}`);
    const one = await getBuildRun(t.db, seeded.owner, { ...DEMO, id: runs.principal.buildRunId });
    expect([one.actorType, one.actorId, one.actorName]).toEqual([
      'service_principal',
      principal.id,
      DEMO_SERVICE_PRINCIPAL_NAME,
    ]);
  });

  it('names who created each version', async () => {
    const bucket = await getBucket(t.db, seeded.owner, { ...DEMO, bucket: 'demo' });
    const byId = new Map(bucket.versions.map((v) => [v.id, v.createdByName]));
    expect(byId.get(runs.owner.versionId)).toBe(OWNER_NAME);
    expect(byId.get(runs.principal.versionId)).toBe(DEMO_SERVICE_PRINCIPAL_NAME);
    expect(byId.get(runs.departed.versionId)).toBe(`unknown actor ${departed.id}`);
    const resolved = await getChannelWithVersion(t.db, principal, {
      ...DEMO,
      bucket: 'demo',
      channel: 'prod',
    });
    expect(resolved.version.createdByName).toBe(DEMO_SERVICE_PRINCIPAL_NAME);
  });

  it('names who assigned a channel, newest first, with the version name from the same query', async () => {
    const history = await listChannelHistory(t.db, seeded.owner, {
      ...DEMO,
      bucket: 'demo',
      channel: 'prod',
    });
    expect(history.map((h) => [h.versionId, h.actorType, h.actorName])).toEqual([
      [runs.principal.versionId, 'service_principal', DEMO_SERVICE_PRINCIPAL_NAME],
      [runs.owner.versionId, 'user', OWNER_NAME],
    ]);
    expect(history.every((h) => /^v\d+$/.test(h.versionName ?? ''))).toBe(true);
  });

  it('names the actor of every audit event: users, service principals and Kiln for the system', async () => {
    const events = await listAuditEvents(t.db, seeded.owner, { org: DEMO.org, limit: 500 });
    const names = new Map<string, Set<string>>();
    for (const e of events) names.set(e.actorType, (names.get(e.actorType) ?? new Set()).add(e.actorName));
    expect(names.get('system')).toEqual(new Set(['Kiln']));
    expect(names.get('service_principal')).toEqual(new Set([DEMO_SERVICE_PRINCIPAL_NAME]));
    expect(names.get('user')).toEqual(new Set([OWNER_NAME, `deleted user ${departed.id}`]));
  });
});
