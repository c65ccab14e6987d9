import type { ActorNameColumns } from '../../repositories/actor-names.ts';

/** What the UI calls the system actor. */
export const SYSTEM_ACTOR_NAME = 'Kiln';

/**
 * The name to show for an actor: `Name (email)` for a user, the principal's name for a service principal,
 * `Kiln` for the system. An actor whose record is gone is named by its type and id.
 */
export function presentActorName(
  actorType: 'user' | 'service_principal' | 'system',
  actorId: string | null,
  names: ActorNameColumns,
): string {
  if (actorType === 'system') return SYSTEM_ACTOR_NAME;
  if (actorType === 'user') {
    if (names.actorUserName !== null && names.actorUserEmail !== null) {
      return `${names.actorUserName} (${names.actorUserEmail})`;
    }
    return `deleted user ${actorId ?? ''}`.trim();
  }
  return names.actorPrincipalName ?? `deleted service principal ${actorId ?? ''}`.trim();
}

/**
 * The actor behind an id-only column such as a version's `created_by`: `system`, or a user or service
 * principal id that the query joined against both tables.
 */
export function presentCreatorName(createdBy: string, names: ActorNameColumns): string {
  if (createdBy === 'system') return SYSTEM_ACTOR_NAME;
  if (names.actorUserName !== null) return presentActorName('user', createdBy, names);
  if (names.actorPrincipalName !== null) return presentActorName('service_principal', createdBy, names);
  return `unknown actor ${createdBy}`;
}
