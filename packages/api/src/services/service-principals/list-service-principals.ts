import type { Actor } from '../../actor.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { listServicePrincipals as listRows } from '../../repositories/service-principals-repository.ts';
import { resolveOrganizationAccess } from '../access/resolve-access.ts';
import { presentServicePrincipal } from './present-service-principal.ts';

export async function listServicePrincipals(db: Queryable, actor: Actor, input: { org: string }) {
  const access = await resolveOrganizationAccess(db, actor, input.org, 'service-principal.read');
  return (await listRows(db, access.organization.id)).map(presentServicePrincipal);
}
