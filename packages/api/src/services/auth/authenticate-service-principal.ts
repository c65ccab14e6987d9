import type { Actor } from '../../actor.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { findServicePrincipalByClientId } from '../../repositories/service-principals-repository.ts';
import { clientSecretMatches } from './service-principal-secret.ts';

export type ServicePrincipalActor = Extract<Actor, { type: 'service_principal' }>;

/** The actor for a client id and secret; null for an unknown id, a wrong secret or a revoked principal alike. */
export async function authenticateServicePrincipal(
  db: Queryable,
  input: { clientId: string; clientSecret: string },
): Promise<ServicePrincipalActor | null> {
  const principal = await findServicePrincipalByClientId(db, input.clientId);
  if (!principal) return null;
  if (!clientSecretMatches(input.clientSecret, principal.secretHash)) return null;
  if (principal.revokedAt && principal.revokedAt.getTime() <= Date.now()) return null;
  return {
    type: 'service_principal',
    id: principal.id,
    organizationId: principal.organizationId,
    projectId: principal.projectId,
  };
}
