import { and, eq, inArray, type SQL, servicePrincipals, users } from '@kiln/db';
import type { AnyColumn } from 'drizzle-orm';
import type { Queryable } from './queryable.ts';

/**
 * Columns and join conditions that resolve who acted in the same query as the row that records it. Add
 * `actorNameColumns` to the select and left-join `users` and `servicePrincipals` with the conditions below;
 * `presentActorName` turns the result into a name. A deleted user or principal leaves the columns null.
 */
export const actorNameColumns = {
  actorUserName: users.name,
  actorUserEmail: users.email,
  actorPrincipalName: servicePrincipals.name,
};

export interface ActorNameColumns {
  actorUserName: string | null;
  actorUserEmail: string | null;
  actorPrincipalName: string | null;
}

/** For rows with an actor type and id (build runs, channel assignments, audit events). */
export function userActorJoin(actorType: AnyColumn, actorId: AnyColumn): SQL {
  return and(eq(actorType, 'user'), eq(users.id, actorId))!;
}

/** Service principals are matched inside the row's organization only. */
export function principalActorJoin(actorType: AnyColumn, actorId: AnyColumn, organizationId: AnyColumn): SQL {
  return and(
    eq(actorType, 'service_principal'),
    eq(servicePrincipals.id, actorId),
    eq(servicePrincipals.organizationId, organizationId),
  )!;
}

/** For rows that keep only an id, or `system` (a version's `created_by`). */
export function userByIdJoin(id: AnyColumn): SQL {
  return eq(users.id, id);
}

export function principalByIdJoin(id: AnyColumn, organizationId: AnyColumn): SQL {
  return and(eq(servicePrincipals.id, id), eq(servicePrincipals.organizationId, organizationId))!;
}

/** Name columns for actors known only by id (a user, or a service principal of the organization). */
export async function findActorNamesByIds(
  db: Queryable,
  organizationId: string,
  ids: string[],
): Promise<Map<string, ActorNameColumns>> {
  const names = new Map<string, ActorNameColumns>();
  if (ids.length === 0) return names;
  const [userRows, principalRows] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(inArray(users.id, ids)),
    db
      .select({ id: servicePrincipals.id, name: servicePrincipals.name })
      .from(servicePrincipals)
      .where(and(eq(servicePrincipals.organizationId, organizationId), inArray(servicePrincipals.id, ids))),
  ]);
  for (const u of userRows) {
    names.set(u.id, { actorUserName: u.name, actorUserEmail: u.email, actorPrincipalName: null });
  }
  for (const p of principalRows) {
    names.set(p.id, { actorUserName: null, actorUserEmail: null, actorPrincipalName: p.name });
  }
  return names;
}
