import type { Actor } from '../../actor.ts';
import { KilnError } from '../../errors.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { listUserOrganizations } from '../../repositories/tenancy-repository.ts';
import { diagnoseTemplate, type TemplateDiagnostic } from './template-diagnostics.ts';

/**
 * Diagnostics for the live editor. It touches no tenant's data, but parsing and evaluating hostile input
 * costs CPU, so only members of an organization may ask: a user with at least one membership, or a
 * service principal (which always belongs to one). Anyone else is FORBIDDEN.
 */
export async function validateTemplate(
  db: Queryable,
  actor: Actor,
  input: { filename: string; content: string },
): Promise<{ valid: boolean; diagnostics: TemplateDiagnostic[] }> {
  const member =
    actor.type === 'service_principal' ||
    actor.type === 'system' ||
    (await listUserOrganizations(db, actor.id)).length > 0;
  if (!member) throw new KilnError('FORBIDDEN', 'validating templates is for members of an organization');
  const diagnostics = diagnoseTemplate(input);
  return { valid: diagnostics.every((d) => d.severity !== 'error'), diagnostics };
}
