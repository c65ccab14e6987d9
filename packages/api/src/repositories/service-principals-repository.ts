import { and, desc, eq, servicePrincipals } from '@kiln/db';
import type { Queryable } from './queryable.ts';

export type ServicePrincipalRow = typeof servicePrincipals.$inferSelect;

export async function findServicePrincipalByClientId(
  db: Queryable,
  clientId: string,
): Promise<ServicePrincipalRow | undefined> {
  const [row] = await db.select().from(servicePrincipals).where(eq(servicePrincipals.clientId, clientId));
  return row;
}

export async function findServicePrincipal(
  db: Queryable,
  organizationId: string,
  id: string,
): Promise<ServicePrincipalRow | undefined> {
  const [row] = await db
    .select()
    .from(servicePrincipals)
    .where(and(eq(servicePrincipals.organizationId, organizationId), eq(servicePrincipals.id, id)));
  return row;
}

export async function findServicePrincipalByName(
  db: Queryable,
  organizationId: string,
  name: string,
): Promise<ServicePrincipalRow | undefined> {
  const [row] = await db
    .select()
    .from(servicePrincipals)
    .where(and(eq(servicePrincipals.organizationId, organizationId), eq(servicePrincipals.name, name)));
  return row;
}

export function listServicePrincipals(db: Queryable, organizationId: string): Promise<ServicePrincipalRow[]> {
  return db
    .select()
    .from(servicePrincipals)
    .where(eq(servicePrincipals.organizationId, organizationId))
    .orderBy(desc(servicePrincipals.createdAt));
}

export async function insertServicePrincipal(
  db: Queryable,
  values: typeof servicePrincipals.$inferInsert,
): Promise<ServicePrincipalRow> {
  const [row] = await db.insert(servicePrincipals).values(values).returning();
  return row!;
}

export async function markServicePrincipalRevoked(
  db: Queryable,
  organizationId: string,
  id: string,
  at: Date,
) {
  await db
    .update(servicePrincipals)
    .set({ revokedAt: at })
    .where(and(eq(servicePrincipals.organizationId, organizationId), eq(servicePrincipals.id, id)));
}
