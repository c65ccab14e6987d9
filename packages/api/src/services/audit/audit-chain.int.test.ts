import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { handleRestRequest } from '../../rest/handle-rest-request.ts';
import { completeDemoVersion, DEMO, seedDemoWithOwner } from '../../test-support/fixtures.ts';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../test-support/test-database.ts';
import { assignChannel } from '../registry/assign-channel.ts';
import { createChannel } from '../registry/create-channel.ts';
import { createServicePrincipal } from '../service-principals/create-service-principal.ts';
import { exportAuditEvents } from './export-audit-events.ts';
import { listAuditEvents } from './list-audit-events.ts';
import { verifyAuditChain } from './verify-audit-chain.ts';

const run = promisify(execFile);
const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs SQL with triggers switched off, as only a superuser can: what tampering with the trail looks like. */
const tamper = (t: MigratedTestDatabase, statement: string) =>
  t.sql(`begin; set local session_replication_role = replica; ${statement}; commit;`);

describe('the audit chain', () => {
  let t: MigratedTestDatabase | undefined;
  let demo: Awaited<ReturnType<typeof seedDemoWithOwner>>;
  const db = () => t!.db;

  beforeEach(async () => {
    await t?.dispose();
    t = await createMigratedTestDatabase();
    demo = await seedDemoWithOwner(t.db);
    const { versionId } = await completeDemoVersion(t.db, demo.owner);
    await assignChannel(t.db, demo.owner, { ...DEMO, bucket: 'demo', channel: 'production', versionId });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('chains every event of an organization, without gaps, even when written concurrently', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createChannel(db(), demo.owner, { ...DEMO, bucket: 'demo', channel: `ch-${i}` }),
      ),
    );
    const rows = await t!.sql<{ sequence: string; previous_hash: string; hash: string }>(
      'select sequence, previous_hash, hash from audit_events where organization_id = $1 order by sequence',
      [demo.organizationId],
    );
    expect(rows.map((r) => Number(r.sequence))).toEqual(rows.map((_, i) => i + 1));
    expect(rows.slice(1).every((r, i) => r.previous_hash === rows[i]!.hash)).toBe(true);
    const result = await verifyAuditChain(db(), demo.owner, { org: 'demo' });
    expect(result).toMatchObject({ organization: 'demo', ok: true, checked: rows.length, problems: [] });
  });

  it('refuses UPDATE, DELETE and TRUNCATE in PostgreSQL', async () => {
    for (const statement of [
      "update audit_events set action = 'nothing.happened'",
      'delete from audit_events',
      'truncate audit_events',
    ]) {
      await expect(t!.sql(statement)).rejects.toThrow(
        /audit_events is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed/,
      );
    }
  });

  it('reports an event edited behind the trigger, through the service, the endpoint and the npm command', async () => {
    const command = () =>
      run('npm', ['run', '--silent', 'audit:verify', '--', '--org', 'demo'], {
        cwd: apiDir,
        env: { ...process.env, DATABASE_URL: t!.url },
      }).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
    const intact = await command();
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^demo: intact \(\d+ events checked\)/);

    const [target] = await t!.sql<{ id: string; sequence: string }>(
      "select id, sequence from audit_events where action = 'registry.channel.assigned' and organization_id = $1 order by sequence desc limit 1",
      [demo.organizationId],
    );
    await tamper(t!, `update audit_events set data = '{"versionName":"v9"}' where id = '${target!.id}'`);

    const result = await verifyAuditChain(db(), demo.owner, { org: 'demo' });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'edited', sequence: Number(target!.sequence), eventId: target!.id }),
    ]);
    const broken = await command();
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('demo: BROKEN');
    expect(broken.stdout).toContain(
      `edited: event ${target!.sequence} (${target!.id}, registry.channel.assigned) was changed`,
    );

    const admin = await createServicePrincipal(db(), demo.owner, {
      org: 'demo',
      name: 'auditor',
      role: 'admin',
    });
    const response = await handleRestRequest(
      new Request('http://kiln.test/api/v1/orgs/demo/audit/verify', {
        headers: {
          authorization: `Basic ${Buffer.from(`${admin.clientId}:${admin.clientSecret}`).toString('base64')}`,
        },
      }),
      { db: db() },
    );
    expect(response.status).toBe(200);
    // Creating the principal was audited after the edit: the chain still names the edited event.
    expect(await response.json()).toMatchObject({
      ok: false,
      problems: [{ kind: 'edited', eventId: target!.id }],
    });
  });

  it('reports events deleted from the middle and from the end', async () => {
    const rows = await t!.sql<{ id: string; sequence: string }>(
      'select id, sequence from audit_events where organization_id = $1 order by sequence',
      [demo.organizationId],
    );
    const middle = rows[1]!;
    await tamper(t!, `delete from audit_events where id = '${middle.id}'`);
    let result = await verifyAuditChain(db(), demo.owner, { org: 'demo' });
    expect(result.problems.map((p) => p.kind)).toEqual(['missing', 'relinked']);
    expect(result.problems[0]!.message).toContain(
      `events ${middle.sequence}..${middle.sequence} are missing`,
    );

    const last = rows.at(-1)!;
    await tamper(t!, `delete from audit_events where id = '${last.id}'`);
    result = await verifyAuditChain(db(), demo.owner, { org: 'demo' });
    expect(result.problems.map((p) => p.kind)).toEqual(['missing', 'relinked', 'head']);
    expect(result.problems[2]!.message).toContain('the newest events were deleted');
  });

  it('filters the trail and exports it as JSON lines and CSV, oldest first', async () => {
    await createChannel(db(), demo.owner, { ...DEMO, bucket: 'demo', channel: 'staging' });
    const listed = await listAuditEvents(db(), demo.owner, {
      org: 'demo',
      filter: { action: 'registry.channel.*' },
    });
    expect(listed.map((e) => e.action).sort()).toEqual([
      'registry.channel.assigned',
      'registry.channel.assigned',
      'registry.channel.created',
    ]);
    const byActor = await listAuditEvents(db(), demo.owner, {
      org: 'demo',
      filter: { actorType: 'system', targetType: 'version' },
    });
    expect(byActor.map((e) => e.action)).toContain('registry.version.completed');
    expect(byActor.every((e) => e.actorType === 'system' && e.targetType === 'version')).toBe(true);
    expect(
      await listAuditEvents(db(), demo.owner, {
        org: 'demo',
        filter: { since: new Date(Date.now() + 60_000) },
      }),
    ).toEqual([]);
    await expect(
      listAuditEvents(db(), demo.owner, { org: 'demo', filter: { project: 'nope' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const jsonl = await exportAuditEvents(db(), demo.owner, {
      org: 'demo',
      format: 'jsonl',
      filter: { action: 'registry.' },
    });
    const lines = jsonl.body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { sequence: number; action: string });
    expect(lines.length).toBe(jsonl.count);
    expect(lines.every((l) => l.action.startsWith('registry.'))).toBe(true);
    expect(lines.map((l) => l.sequence)).toEqual([...lines.map((l) => l.sequence)].sort((a, b) => a - b));
    expect(jsonl.filename).toMatch(/^audit-demo-\d{8}T\d{6}\.jsonl$/);

    const csv = await exportAuditEvents(db(), demo.owner, {
      org: 'demo',
      format: 'csv',
      filter: { action: 'registry.channel.created' },
    });
    const [header, row, end] = csv.body.split('\r\n');
    expect(header).toBe(
      'sequence,id,created_at,project_id,actor_type,actor_id,actor_name,action,target_type,target_id,data,hash',
    );
    expect(row).toContain(',Demo User (demo@kiln.local),registry.channel.created,channel,');
    expect(row).toContain('"{""bucket"":""demo"",""channel"":""staging"",""restricted"":false}"');
    expect(end).toBe('');
  });

  it('is read by admins only', async () => {
    const principal = {
      type: 'service_principal' as const,
      id: (await t!.sql<{ id: string }>("select id from service_principals where name = 'demo-ci'"))[0]!.id,
      organizationId: demo.organizationId,
    };
    await expect(verifyAuditChain(db(), principal, { org: 'demo' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(exportAuditEvents(db(), principal, { org: 'demo', format: 'csv' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
