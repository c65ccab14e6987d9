import { and, eq, memberships, organizations, projects, users } from '@kiln/db';
import type { Queryable } from './queryable.ts';

export type OrganizationRow = typeof organizations.$inferSelect;
export type ProjectRow = typeof projects.$inferSelect;
export type UserRow = typeof users.$inferSelect;

export async function findOrganizationBySlug(
  db: Queryable,
  slug: string,
): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  return row;
}

export async function findProjectBySlug(
  db: Queryable,
  organizationId: string,
  slug: string,
): Promise<ProjectRow | undefined> {
  const [row] = await db
    .select()
    .from(projects)
    .where(and(eq(projects.organizationId, organizationId), eq(projects.slug, slug)));
  return row;
}

export async function findProjectById(
  db: Queryable,
  organizationId: string,
  projectId: string,
): Promise<ProjectRow | undefined> {
  const [row] = await db
    .select()
    .from(projects)
    .where(and(eq(projects.organizationId, organizationId), eq(projects.id, projectId)));
  return row;
}

export function listProjects(db: Queryable, organizationId: string): Promise<ProjectRow[]> {
  return db.select().from(projects).where(eq(projects.organizationId, organizationId)).orderBy(projects.slug);
}

export async function findMembershipRole(
  db: Queryable,
  organizationId: string,
  userId: string,
): Promise<(typeof memberships.$inferSelect)['role'] | undefined> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  return row?.role;
}

export function listUserOrganizations(db: Queryable, userId: string) {
  return db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(organizations.slug);
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row;
}

export async function insertOrganizationIfMissing(db: Queryable, values: { slug: string; name: string }) {
  await db.insert(organizations).values(values).onConflictDoNothing({ target: organizations.slug });
  return (await findOrganizationBySlug(db, values.slug))!;
}

export async function insertProjectIfMissing(
  db: Queryable,
  values: { organizationId: string; slug: string; name: string },
) {
  await db
    .insert(projects)
    .values(values)
    .onConflictDoNothing({ target: [projects.organizationId, projects.slug] });
  return (await findProjectBySlug(db, values.organizationId, values.slug))!;
}

export async function insertUserIfMissing(
  db: Queryable,
  values: { email: string; name: string; passwordHash: string | null },
) {
  const email = values.email.toLowerCase();
  await db
    .insert(users)
    .values({ ...values, email })
    .onConflictDoNothing({ target: users.email });
  return (await findUserByEmail(db, email))!;
}

export async function upsertMembership(
  db: Queryable,
  values: { organizationId: string; userId: string; role: (typeof memberships.$inferInsert)['role'] },
) {
  await db
    .insert(memberships)
    .values(values)
    .onConflictDoNothing({ target: [memberships.organizationId, memberships.userId] });
}

export function listOrganizations(db: Queryable): Promise<OrganizationRow[]> {
  return db.select().from(organizations).orderBy(organizations.slug);
}
