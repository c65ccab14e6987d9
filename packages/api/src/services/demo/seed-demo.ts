import { type Actor, SYSTEM_ACTOR } from '../../actor.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import {
  findServicePrincipalByName,
  insertServicePrincipal,
} from '../../repositories/service-principals-repository.ts';
import {
  findLatestRevision,
  findTemplateByName,
  insertNextRevision,
  insertTemplate,
} from '../../repositories/templates-repository.ts';
import {
  insertOrganizationIfMissing,
  insertProjectIfMissing,
  insertUserIfMissing,
  upsertMembership,
} from '../../repositories/tenancy-repository.ts';
import { hashPassword } from '../auth/password.ts';
import {
  generateClientId,
  generateClientSecret,
  hashClientSecret,
} from '../auth/service-principal-secret.ts';
import { sha256 } from '../templates/create-template.ts';
import { DEMO_TEMPLATE, DEMO_TEMPLATE_FILENAME } from './demo-template.ts';

export const DEMO_ORGANIZATION_SLUG = 'demo';
export const DEMO_PROJECT_SLUG = 'default';
export const DEMO_USER_EMAIL = 'demo@kiln.local';
export const DEMO_USER_PASSWORD = 'kiln-demo';
export const DEMO_SERVICE_PRINCIPAL_NAME = 'demo-ci';

export interface SeedDemoResult {
  organizationId: string;
  projectId: string;
  userId: string;
  templateId: string;
  servicePrincipal: { clientId: string; clientSecret: string | null };
}

/**
 * Idempotently creates the demo organization, project, owner user, `hello` template and the `demo-ci`
 * service principal. The principal's secret is returned only on the call that created it.
 */
export async function seedDemo(db: Queryable, options: { password?: string } = {}): Promise<SeedDemoResult> {
  const passwordHash = await hashPassword(options.password ?? DEMO_USER_PASSWORD);
  const clientSecret = generateClientSecret();
  return inTransaction(db, async (tx) => {
    const organization = await insertOrganizationIfMissing(tx, {
      slug: DEMO_ORGANIZATION_SLUG,
      name: 'Demo Organization',
    });
    const project = await insertProjectIfMissing(tx, {
      organizationId: organization.id,
      slug: DEMO_PROJECT_SLUG,
      name: 'Default Project',
    });
    const user = await insertUserIfMissing(tx, { email: DEMO_USER_EMAIL, name: 'Demo User', passwordHash });
    await upsertMembership(tx, { organizationId: organization.id, userId: user.id, role: 'owner' });
    const scope = { organizationId: organization.id, projectId: project.id };
    const owner: Actor = { type: 'user', id: user.id };

    let template = await findTemplateByName(tx, scope, 'hello');
    if (!template) {
      template = await insertTemplate(tx, { ...scope, name: 'hello', createdBy: user.id });
      await insertAuditEvent(tx, {
        ...scope,
        actor: SYSTEM_ACTOR,
        action: 'template.created',
        targetType: 'template',
        targetId: template.id,
        data: { name: 'hello', seeded: true },
      });
    }
    if (!(await findLatestRevision(tx, scope, template.id))) {
      await insertNextRevision(tx, {
        ...scope,
        templateId: template.id,
        filename: DEMO_TEMPLATE_FILENAME,
        content: DEMO_TEMPLATE,
        sha256: sha256(DEMO_TEMPLATE),
        createdBy: user.id,
      });
    }

    const existing = await findServicePrincipalByName(tx, organization.id, DEMO_SERVICE_PRINCIPAL_NAME);
    let servicePrincipal: SeedDemoResult['servicePrincipal'];
    if (existing) {
      servicePrincipal = { clientId: existing.clientId, clientSecret: null };
    } else {
      const created = await insertServicePrincipal(tx, {
        organizationId: organization.id,
        name: DEMO_SERVICE_PRINCIPAL_NAME,
        clientId: generateClientId(),
        secretHash: hashClientSecret(clientSecret),
        role: 'contributor',
        createdBy: user.id,
      });
      await insertAuditEvent(tx, {
        organizationId: organization.id,
        actor: owner,
        action: 'auth.service-principal.created',
        targetType: 'service_principal',
        targetId: created.id,
        data: { name: created.name, role: created.role, clientId: created.clientId, seeded: true },
      });
      servicePrincipal = { clientId: created.clientId, clientSecret };
    }
    return {
      organizationId: organization.id,
      projectId: project.id,
      userId: user.id,
      templateId: template.id,
      servicePrincipal,
    };
  });
}
