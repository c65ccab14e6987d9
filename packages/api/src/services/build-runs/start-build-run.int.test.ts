import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KilnError } from '../../errors.ts';
import { DEMO, seedDemoWithOwner } from '../../test-support/fixtures.ts';
import { RecordingBuildStarter, testSealer } from '../../test-support/recording-build-starter.ts';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../test-support/test-database.ts';
import type { TemplateDiagnostic } from '../templates/template-diagnostics.ts';
import { getBuildRun } from './get-build-run.ts';
import { startBuildRun } from './start-build-run.ts';

/** Three independent mistakes, on lines 1, 5 and 9. */
const BROKEN_TEMPLATE = `source "file" {
  content = "x"
}

widget "x" {}

build {
  sources = ["source.file.x"]
  color = 3
}
`;

describe('startBuildRun', () => {
  let t: MigratedTestDatabase;
  let seeded: Awaited<ReturnType<typeof seedDemoWithOwner>>;

  beforeAll(async () => {
    t = await createMigratedTestDatabase();
    seeded = await seedDemoWithOwner(t.db);
    // A broken revision stored behind the services' back, as if saved before validation got stricter.
    await t.sql(
      `insert into template_revisions (id, organization_id, project_id, template_id, number, filename, content, sha256, created_by)
       select '01BROKENREVISION0000000000', organization_id, project_id, id, 2, 'demo.pkr.hcl', $1, 'x', 'test'
       from templates where name = 'hello'`,
      [BROKEN_TEMPLATE],
    );
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('refuses a template with errors, reporting every diagnostic and writing nothing', async () => {
    const before = { runs: await t.count('build_runs'), audit: await t.count('audit_events') };
    const starter = new RecordingBuildStarter();
    const error = await startBuildRun(
      t.db,
      seeded.owner,
      { ...DEMO, template: 'hello' },
      { buildStarter: starter, sealer: testSealer },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KilnError);
    const kiln = error as KilnError;
    expect(kiln.code).toBe('INVALID');
    expect(kiln.message).toMatch(/^template demo\.pkr\.hcl has \d+ error\(s\); first: /);
    const diagnostics = (kiln.details as { diagnostics: TemplateDiagnostic[] }).diagnostics;
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(new Set(errors.map((d) => d.line))).toEqual(new Set([1, 5, 9]));
    for (const d of errors) {
      expect(d.filename).toBe('demo.pkr.hcl');
      expect(d.column).toBeGreaterThan(0);
      expect(d.summary.length).toBeGreaterThan(0);
      expect(d.sourceLine).toBe(BROKEN_TEMPLATE.split('\n')[d.line! - 1]);
    }
    expect(starter.started).toEqual([]);
    expect({ runs: await t.count('build_runs'), audit: await t.count('audit_events') }).toEqual(before);
  });

  it('marks the run failed when the workflow cannot be started', async () => {
    await t.sql("delete from template_revisions where id = '01BROKENREVISION0000000000'");
    const starter = new RecordingBuildStarter();
    starter.failWith = new Error('connect ECONNREFUSED 127.0.0.1:7233');
    const error = await startBuildRun(
      t.db,
      seeded.owner,
      { ...DEMO, template: 'hello' },
      { buildStarter: starter, sealer: testSealer },
    ).catch((e: unknown) => e as KilnError);
    expect(error).toMatchObject({ code: 'INTERNAL' });
    const [row] = await t.sql<{ id: string }>('select id from build_runs');
    const run = await getBuildRun(t.db, seeded.owner, { ...DEMO, id: row!.id });
    expect(run).toMatchObject({ status: 'failed', failureClass: 'internal' });
    expect(run.error).toContain('ECONNREFUSED');
    expect(run.error).toContain(`build-run:${seeded.organizationId}:${row!.id}`);
  });

  it('refuses a viewer', async () => {
    await t.sql(
      "insert into users (id, email, name) values ('01VIEWER000000000000000000', 'viewer@demo.example', 'Viewer')",
    );
    await t.sql(
      "insert into memberships (organization_id, user_id, role) values ($1, '01VIEWER000000000000000000', 'viewer')",
      [seeded.organizationId],
    );
    await expect(
      startBuildRun(
        t.db,
        { type: 'user', id: '01VIEWER000000000000000000' },
        { ...DEMO, template: 'hello' },
        { buildStarter: new RecordingBuildStarter(), sealer: testSealer },
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
