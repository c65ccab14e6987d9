/** Who is acting. Services authorise every call against it. */
export type Actor =
  | { type: 'user'; id: string }
  | { type: 'service_principal'; id: string; organizationId: string; projectId?: string | null }
  | { type: 'system' };

export const SYSTEM_ACTOR: Actor = { type: 'system' };

export function actorId(actor: Actor): string | null {
  return actor.type === 'system' ? null : actor.id;
}
