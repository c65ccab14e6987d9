import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import type { KilnError } from './errors.ts';
import { appendBuildLogLines } from './services/build-runs/append-build-log-lines.ts';
import { exportAuditEvents } from './services/audit/export-audit-events.ts';
import { listAuditEvents } from './services/audit/list-audit-events.ts';
import { verifyAuditChain } from './services/audit/verify-audit-chain.ts';
import { getBuildRun } from './services/build-runs/get-build-run.ts';
import { listBuildLogLines } from './services/build-runs/list-build-log-lines.ts';
import { listBuildRuns } from './services/build-runs/list-build-runs.ts';
import { assignChannel } from './services/registry/assign-channel.ts';
import { getBucket } from './services/registry/get-bucket.ts';
import { getChannelWithVersion } from './services/registry/get-channel-with-version.ts';
import { listBuckets } from './services/registry/list-buckets.ts';
import { createChannel } from './services/registry/create-channel.ts';
import { listChannelHistory } from './services/registry/list-channel-history.ts';
import { previewRevocation } from './services/registry/preview-revocation.ts';
import { restoreVersion } from './services/registry/restore-version.ts';
import { revokeVersion } from './services/registry/revoke-version.ts';
import { unassignChannel } from './services/registry/unassign-channel.ts';
import { createServicePrincipal } from './services/service-principals/create-service-principal.ts';
import { listServicePrincipals } from './services/service-principals/list-service-principals.ts';
import { revokeServicePrincipal } from './services/service-principals/revoke-service-principal.ts';
import { getTemplate } from './services/templates/get-template.ts';
import { listTemplates } from './services/templates/list-templates.ts';
import { addMember } from './services/tenancy/add-member.ts';
import { changeMember } from './services/tenancy/change-member.ts';
import { createProject } from './services/tenancy/create-project.ts';
import { getProject } from './services/tenancy/get-project.ts';
import { listMembers } from './services/tenancy/list-members.ts';
import { listProjects } from './services/tenancy/list-projects.ts';
import type { MigratedTestDatabase } from './test-support/test-database.ts';
import { createMigratedTestDatabase } from './test-support/test-database.ts';
import { insertUserIfMissing } from './repositories/tenancy-repository.ts';
import { completeDemoVersion, seedDemoWithOwner, seedOtherOrganization } from './test-support/fixtures.ts';

type Scope = { org: string; project: string };
type Db = MigratedTestDatabase['db'];

interface PathIds {
  buildRunId: string;
  versionId: string;
  owner: Actor;
  /** A user who is a contributor of the demo organization. */
  memberId: string;
  /** A user of no organization, for adding and removing. */
  spare: { id: string; email: string };
  sql: MigratedTestDatabase['sql'];
}

let unique = 0;
const next = (prefix: string) => `${prefix}-${++unique}`;

/** Every read and write path, addressed at the demo tenant's data by slug, name or id. */
function paths(ids: PathIds) {
  return { ...readPaths(ids), ...writePaths(ids) };
}

/**
 * Every write path. Each runs the actor's call (whose outcome counts) and puts things back afterwards as the
 * demo owner, so that the paths can run again for the next actor.
 */
function writePaths(ids: PathIds) {
  const version = (s: Scope) => ({ ...s, bucket: 'demo', versionId: ids.versionId });
  const demoVersion = version({ org: 'demo', project: 'default' });
  const restoreAsOwner = (db: Db) => restoreVersion(db, ids.owner, demoVersion).catch(() => undefined);
  return {
    'registry.createChannel': (db: Db, actor: Actor, s: Scope) =>
      createChannel(db, actor, { ...s, bucket: 'demo', channel: next('isolated') }),
    'registry.assignChannel': (db: Db, actor: Actor, s: Scope) =>
      assignChannel(db, actor, { ...version(s), channel: 'production' }),
    'registry.unassignChannel': async (db: Db, actor: Actor, s: Scope) => {
      try {
        return await unassignChannel(db, actor, { ...s, bucket: 'demo', channel: 'production' });
      } finally {
        await assignChannel(db, ids.owner, { ...demoVersion, channel: 'production' });
      }
    },
    'registry.revokeVersion': async (db: Db, actor: Actor, s: Scope) => {
      try {
        return await revokeVersion(db, actor, { ...version(s), reason: 'isolation', keepChannels: true });
      } finally {
        await restoreAsOwner(db);
      }
    },
    'registry.restoreVersion': async (db: Db, actor: Actor, s: Scope) => {
      await revokeVersion(db, ids.owner, { ...demoVersion, reason: 'isolation', keepChannels: true });
      try {
        return await restoreVersion(db, actor, version(s));
      } finally {
        await restoreAsOwner(db);
      }
    },
    'projects.create': (db: Db, actor: Actor, s: Scope) => {
      const slug = next('isolated');
      return createProject(db, actor, { org: s.org, slug, name: slug });
    },
    'members.add': async (db: Db, actor: Actor, s: Scope) => {
      try {
        return await addMember(db, actor, { org: s.org, email: ids.spare.email, role: 'viewer' });
      } finally {
        await ids.sql('delete from memberships where user_id = $1', [ids.spare.id]);
      }
    },
    'members.changeRole': async (db: Db, actor: Actor, s: Scope) => {
      try {
        return await changeMember(db, actor, { org: s.org, userId: ids.memberId, role: 'viewer' });
      } finally {
        await ids.sql("update memberships set role = 'contributor' where user_id = $1", [ids.memberId]);
      }
    },
    'members.remove': async (db: Db, actor: Actor, s: Scope) => {
      await ids.sql(
        "insert into memberships (organization_id, user_id, role) select id, $1, 'viewer' from organizations where slug = 'demo'",
        [ids.spare.id],
      );
      try {
        return await changeMember(db, actor, { org: s.org, userId: ids.spare.id, role: null });
      } finally {
        await ids.sql('delete from memberships where user_id = $1', [ids.spare.id]);
      }
    },
    'servicePrincipals.create': (db: Db, actor: Actor, s: Scope) =>
      createServicePrincipal(db, actor, { org: s.org, name: next('isolated'), role: 'viewer' }),
    'servicePrincipals.revoke': async (db: Db, actor: Actor, s: Scope) => {
      const principal = await createServicePrincipal(db, ids.owner, {
        org: 'demo',
        name: next('isolated'),
        role: 'viewer',
      });
      return revokeServicePrincipal(db, actor, { org: s.org, id: principal.id });
    },
  };
}

/** Every read path, addressed at the demo tenant's data by slug, name or id. */
function readPaths(ids: PathIds) {
  return {
    'projects.list': (db: MigratedTestDatabase['db'], actor: Actor, s: Scope) =>
      listProjects(db, actor, { org: s.org }),
    'projects.get': (db: MigratedTestDatabase['db'], actor: Actor, s: Scope) => getProject(db, actor, s),
    'templates.list': (db: MigratedTestDatabase['db'], actor: Actor, s: Scope) => listTemplates(db, actor, s),
    'templates.get': (db: MigratedTestDatabase['db'], actor: Actor, s: Scope) =>
      getTemplate(db, actor, { ...s, template: 'hello' }),
    'buildRuns.list': (db: MigratedTestDatabase['db'], actor: Actor, s: Scope) =>
      listBuildRuns(db, actor, { ...s, template: 'hello' }),
    'buildRuns.get': (db: MigratedTestDatabase['db'], actor: Actor, s: Scope) =>
      getBuildRun(db, actor, { ...s, id: ids.buildRunId }),
    'buildRuns.logs': (db: MigratedTestDatabase['db'], actor: Actor, s: Scope) =>
      listBuildLogLines(db, actor, { ...s, buildRunId: ids.buildRunId }),
    'registry.listBuckets': (db: MigratedTestDatabase['db'], actor: Actor, s: Scope) =>
      listBuckets(db, actor, s),
    'registry.getBucket': (db: MigratedTestDatabase['db'], actor: Actor, s: Scope) =>
      getBucket(db, actor, { ...s, bucket: 'demo' }),
    'registry.channelHistory': (db: MigratedTestDatabase['db'], actor: Actor, s: Scope) =>
      listChannelHistory(db, actor, { ...s, bucket: 'demo', channel: 'production' }),
    'rest.channel': (db: MigratedTestDatabase['db'], actor: Actor, s: Scope) =>
      getChannelWithVersion(db, actor, { ...s, bucket: 'demo', channel: 'production' }),
    'servicePrincipals.list': (db: MigratedTestDatabase['db'], actor: Actor, s: Scope) =>
      listServicePrincipals(db, actor, { org: s.org }),
    'audit.list': (db: MigratedTestDatabase['db'], actor: Actor, s: Scope) =>
      listAuditEvents(db, actor, { org: s.org }),
    'audit.verify': (db: Db, actor: Actor, s: Scope) => verifyAuditChain(db, actor, { org: s.org }),
    'audit.export': (db: Db, actor: Actor, s: Scope) =>
      exportAuditEvents(db, actor, { org: s.org, format: 'csv' }),
    'members.list': (db: Db, actor: Actor, s: Scope) => listMembers(db, actor, { org: s.org }),
    'registry.previewRevocation': (db: Db, actor: Actor, s: Scope) =>
      previewRevocation(db, actor, { ...s, bucket: 'demo', versionId: ids.versionId }),
  };
}

/** How many paths the isolation checks walk (read and write). */
const ISOLATION_PATH_COUNT = 28;

/** Resolves to the KilnError code, or 'OK' with the result. */
async function outcome(call: Promise<unknown>): Promise<{ code: string; result?: unknown }> {
  try {
    return { code: 'OK', result: await call };
  } catch (error) {
    return { code: (error as KilnError).code ?? `unexpected: ${String(error)}` };
  }
}

describe('tenant isolation over every read and write path', () => {
  let t: MigratedTestDatabase;
  let demo: Awaited<ReturnType<typeof seedDemoWithOwner>>;
  let other: Awaited<ReturnType<typeof seedOtherOrganization>>;
  let otherPrincipal: Actor;
  let all: ReturnType<typeof paths>;

  beforeAll(async () => {
    t = await createMigratedTestDatabase();
    demo = await seedDemoWithOwner(t.db);
    const { buildRunId, versionId } = await completeDemoVersion(t.db, demo.owner);
    await appendBuildLogLines(t.db, {
      buildRunId,
      lines: [{ buildName: null, stream: 'system', text: 'secret-ish' }],
    });
    await assignChannel(t.db, demo.owner, {
      org: 'demo',
      project: 'default',
      bucket: 'demo',
      channel: 'production',
      versionId,
    });
    const user = (email: string) => insertUserIfMissing(t.db, { email, name: email, passwordHash: null });
    const member = await user('member@demo.example');
    await t.sql("insert into memberships (organization_id, user_id, role) values ($1, $2, 'contributor')", [
      demo.organizationId,
      member.id,
    ]);
    const spare = await user('spare@demo.example');
    other = await seedOtherOrganization(t.db, 'owner');
    const sp = await createServicePrincipal(t.db, other.actor, { org: 'other', name: 'ci', role: 'owner' });
    otherPrincipal = { type: 'service_principal', id: sp.id, organizationId: other.organization.id };
    all = paths({
      buildRunId,
      versionId,
      owner: demo.owner,
      memberId: member.id,
      spare: { id: spare.id, email: spare.email },
      sql: t.sql,
    });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it(`walks all ${ISOLATION_PATH_COUNT} paths`, () => {
    expect(Object.keys(all)).toHaveLength(ISOLATION_PATH_COUNT);
  });

  it('serves every path to the owning tenant (the control)', async () => {
    for (const [name, read] of Object.entries(all)) {
      const result = await outcome(read(t.db, demo.owner, { org: 'demo', project: 'default' }));
      expect(`${name}: ${result.code}`).toBe(`${name}: OK`);
    }
  });

  for (const who of ['user', 'service principal'] as const) {
    it(`answers NOT_FOUND to another organization's ${who} addressing the demo organization`, async () => {
      const actor = who === 'user' ? other.actor : otherPrincipal;
      for (const [name, read] of Object.entries(all)) {
        const result = await outcome(read(t.db, actor, { org: 'demo', project: 'default' }));
        expect(`${name}: ${result.code}`).toBe(`${name}: NOT_FOUND`);
      }
    });
  }

  it("answers NOT_FOUND to another organization's actor asking for the demo tenant's ids and names in its own project", async () => {
    const idAddressed = [
      'templates.get',
      'buildRuns.get',
      'buildRuns.logs',
      'registry.getBucket',
      'registry.channelHistory',
      'rest.channel',
      'registry.previewRevocation',
      'registry.revokeVersion',
      'registry.restoreVersion',
      'registry.assignChannel',
      'registry.createChannel',
      'registry.unassignChannel',
      'members.changeRole',
      'members.remove',
      'servicePrincipals.revoke',
    ] as const;
    for (const name of idAddressed) {
      const result = await outcome(all[name](t.db, other.actor, { org: 'other', project: 'default' }));
      expect(`${name}: ${result.code}`).toBe(`${name}: NOT_FOUND`);
    }
    // What the tenant filter hides is there: without it, the same lookups find the demo tenant's rows.
    const runId = (await t.sql<{ id: string }>('select id from build_runs limit 1'))[0]!.id;
    expect(await t.sql('select id from build_runs where id = $1', [runId])).toHaveLength(1);
    expect(await t.sql("select id from templates where name = 'hello'")).toHaveLength(1);
    expect(await t.sql("select id from buckets where name = 'demo'")).toHaveLength(1);
    expect(await t.sql("select id from channels where name = 'production'")).toHaveLength(1);
  });

  it('fails the isolation checks when the other organization is let in (isolation switched off)', async () => {
    // Granting the outsider membership removes the only thing between it and the data: every path then
    // answers, which is what the NOT_FOUND assertions above would see without tenant isolation.
    await t.sql("insert into memberships (organization_id, user_id, role) values ($1, $2, 'owner')", [
      demo.organizationId,
      other.user.id,
    ]);
    try {
      for (const [name, read] of Object.entries(all)) {
        const result = await outcome(read(t.db, other.actor, { org: 'demo', project: 'default' }));
        expect(`${name}: ${result.code}`).toBe(`${name}: OK`);
      }
    } finally {
      await t.sql('delete from memberships where organization_id = $1 and user_id = $2', [
        demo.organizationId,
        other.user.id,
      ]);
    }
    const result = await outcome(
      all['buildRuns.get'](t.db, other.actor, { org: 'demo', project: 'default' }),
    );
    expect(result.code).toBe('NOT_FOUND');
  });

  it('hides the demo tenant from the outsider in the lists it may read', async () => {
    const projects = await listProjects(t.db, other.actor, { org: 'other' });
    expect(projects.map((p) => p.id)).toEqual([other.project.id]);
    const audit = await listAuditEvents(t.db, other.actor, { org: 'other' });
    expect(audit.every((e) => e.projectId === null || e.projectId === other.project.id)).toBe(true);
    expect(audit.map((e) => e.action)).toEqual(['auth.service-principal.created']);
  });
});
