import type { ServicePrincipalRow } from '../../repositories/service-principals-repository.ts';

/** Never includes the secret hash. */
export function presentServicePrincipal(p: ServicePrincipalRow) {
  return {
    id: p.id,
    name: p.name,
    clientId: p.clientId,
    role: p.role,
    projectId: p.projectId,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    revokedAt: p.revokedAt,
  };
}
