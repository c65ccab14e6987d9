import { KilnError } from '../../errors.ts';
import type { AuditFilter } from '../../repositories/audit-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { findProjectBySlug } from '../../repositories/tenancy-repository.ts';
import type { OrganizationAccess } from '../access/resolve-access.ts';

/** The filters a caller gives, with the project named by slug. */
export interface AuditFilterInput extends Omit<AuditFilter, 'projectId'> {
  project?: string | undefined;
}

/** Turns a project slug into its id inside the organization; an unknown project is NOT_FOUND. */
export async function resolveAuditFilter(
  db: Queryable,
  access: OrganizationAccess,
  input: AuditFilterInput,
): Promise<AuditFilter> {
  const { project, ...rest } = input;
  if (!project) return rest;
  const row = await findProjectBySlug(db, access.organization.id, project);
  if (!row) throw KilnError.notFound(`project "${project}" in organization "${access.organization.slug}"`);
  return { ...rest, projectId: row.id };
}
