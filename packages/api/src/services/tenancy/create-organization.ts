import type { Actor } from '../../actor.ts';
import { assertValidDisplayName, assertValidSlug } from '../../domain/tenancy.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import { insertMembership, insertOrganization } from '../../repositories/tenancy-repository.ts';

/** A signed-in user creates an organization and becomes its first owner. */
export async function createOrganization(db: Queryable, actor: Actor, input: { slug: string; name: string }) {
  if (actor.type !== 'user') throw new KilnError('FORBIDDEN', 'only signed-in users create organizations');
  assertValidSlug('organization', input.slug);
  const name = assertValidDisplayName('organization', input.name);
  return inTransaction(db, async (tx) => {
    const organization = await insertOrganization(tx, { slug: input.slug, name });
    if (!organization) throw new KilnError('CONFLICT', `organization "${input.slug}" already exists`);
    await insertMembership(tx, { organizationId: organization.id, userId: actor.id, role: 'owner' });
    await insertAuditEvent(tx, {
      organizationId: organization.id,
      actor,
      action: 'tenancy.organization.created',
      targetType: 'organization',
      targetId: organization.id,
      data: { slug: organization.slug, name: organization.name, owner: actor.id },
    });
    return { id: organization.id, slug: organization.slug, name: organization.name };
  });
}
