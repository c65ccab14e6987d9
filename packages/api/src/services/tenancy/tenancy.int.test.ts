import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../actor.ts';
import { insertUserIfMissing } from '../../repositories/tenancy-repository.ts';
import { seedDemoWithOwner } from '../../test-support/fixtures.ts';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../test-support/test-database.ts';
import { listAuditEvents } from '../audit/list-audit-events.ts';
import { createServicePrincipal } from '../service-principals/create-service-principal.ts';
import { revokeServicePrincipal } from '../service-principals/revoke-service-principal.ts';
import { addMember } from './add-member.ts';
import { changeMember } from './change-member.ts';
import { createOrganization } from './create-organization.ts';
import { createProject } from './create-project.ts';
import { listMembers } from './list-members.ts';
import { listProjects } from './list-projects.ts';

describe('tenancy management', () => {
  let t: MigratedTestDatabase;
  let owner: Actor;
  let ada: Actor;
  let bob: Actor;
  const adaId = () => (ada as { id: string }).id;

  beforeAll(async () => {
    t = await createMigratedTestDatabase();
    owner = (await seedDemoWithOwner(t.db)).owner;
    const user = async (email: string) =>
      ({
        type: 'user',
        id: (await insertUserIfMissing(t.db, { email, name: email.split('@')[0]!, passwordHash: null })).id,
      }) as Actor;
    ada = await user('ada@example.com');
    bob = await user('bob@example.com');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('creates an organization with its creator as owner, and refuses a taken slug', async () => {
    const org = await createOrganization(t.db, ada, { slug: 'acme', name: 'Acme' });
    expect(org).toMatchObject({ slug: 'acme', name: 'Acme' });
    expect(await listMembers(t.db, ada, { org: 'acme' })).toEqual([
      expect.objectContaining({ email: 'ada@example.com', role: 'owner' }),
    ]);
    await expect(createOrganization(t.db, bob, { slug: 'acme', name: 'Other' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(createOrganization(t.db, bob, { slug: 'Bad Slug', name: 'x' })).rejects.toMatchObject({
      code: 'INVALID',
    });
  });

  it('creates projects for admins, audited', async () => {
    const project = await createProject(t.db, ada, { org: 'acme', slug: 'web', name: 'Web images' });
    expect((await listProjects(t.db, ada, { org: 'acme' })).map((p) => p.slug)).toEqual(['web']);
    await expect(createProject(t.db, ada, { org: 'acme', slug: 'web', name: 'again' })).rejects.toMatchObject(
      { code: 'CONFLICT' },
    );
    await expect(createProject(t.db, bob, { org: 'acme', slug: 'x', name: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const audit = await listAuditEvents(t.db, ada, { org: 'acme' });
    expect(audit.map((e) => e.action)).toEqual(['tenancy.project.created', 'tenancy.organization.created']);
    expect(audit[0]!.projectId).toBe(project.id);
  });

  it('adds, changes and removes members within the role rules, keeping an owner', async () => {
    await expect(
      addMember(t.db, ada, { org: 'acme', email: 'nobody@example.com', role: 'viewer' }),
    ).rejects.toThrow(/a Kiln user with email nobody@example.com/);
    const added = await addMember(t.db, ada, { org: 'acme', email: 'BOB@example.com', role: 'admin' });
    expect(added.role).toBe('admin');
    await expect(
      addMember(t.db, ada, { org: 'acme', email: 'bob@example.com', role: 'viewer' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    // The admin cannot make owners, nor touch the owner.
    const demoUser = (await t.sql<{ id: string }>("select id from users where email = 'demo@kiln.local'"))[0]!
      .id;
    await expect(
      addMember(t.db, bob, { org: 'acme', email: 'demo@kiln.local', role: 'owner' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await addMember(t.db, bob, { org: 'acme', email: 'demo@kiln.local', role: 'viewer' });
    await expect(
      changeMember(t.db, bob, { org: 'acme', userId: adaId(), role: 'viewer' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await changeMember(t.db, bob, { org: 'acme', userId: demoUser, role: 'contributor' });
    // The last owner stays.
    await expect(changeMember(t.db, ada, { org: 'acme', userId: adaId(), role: null })).rejects.toMatchObject(
      { code: 'PRECONDITION_FAILED' },
    );
    await changeMember(t.db, ada, { org: 'acme', userId: demoUser, role: null });
    expect((await listMembers(t.db, ada, { org: 'acme' })).map((m) => `${m.email}:${m.role}`).sort()).toEqual(
      ['ada@example.com:owner', 'bob@example.com:admin'],
    );
    // A removed member is an outsider again.
    await expect(listMembers(t.db, owner, { org: 'acme' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const actions = (
      await listAuditEvents(t.db, ada, { org: 'acme', filter: { action: 'tenancy.member.*' } })
    ).map((e) => e.action);
    expect(actions).toEqual([
      'tenancy.member.removed',
      'tenancy.member.role-changed',
      'tenancy.member.added',
      'tenancy.member.added',
    ]);
  });

  it('creates service principals per project; an admin cannot revoke an owner-role principal', async () => {
    const scoped = await createServicePrincipal(t.db, bob, {
      org: 'acme',
      name: 'web-ci',
      role: 'contributor',
      project: 'web',
    });
    const web = (await t.sql<{ id: string }>("select id from projects where slug = 'web'"))[0]!.id;
    expect(scoped.projectId).toBe(web);
    const ownerPrincipal = await createServicePrincipal(t.db, ada, {
      org: 'acme',
      name: 'root-ci',
      role: 'owner',
    });
    await expect(revokeServicePrincipal(t.db, bob, { org: 'acme', id: ownerPrincipal.id })).rejects.toThrow(
      'a admin cannot revoke a service principal with the owner role',
    );
    await revokeServicePrincipal(t.db, bob, { org: 'acme', id: scoped.id });
    await revokeServicePrincipal(t.db, ada, { org: 'acme', id: ownerPrincipal.id });
    const revoked = await t.sql<{ name: string }>(
      'select name from service_principals where revoked_at is not null order by name',
    );
    expect(revoked.map((r) => r.name)).toEqual(['root-ci', 'web-ci']);
  });
});
