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

export type MembershipRow = typeof memberships.$inferSelect;
type MemberRole = MembershipRow['role'];

/** Inserts the organization; undefined when the slug is taken. */
export async function insertOrganization(
  db: Queryable,
  values: { slug: string; name: string },
): Promise<OrganizationRow | undefined> {
  const [row] = await db
    .insert(organizations)
    .values(values)
    .onConflictDoNothing({ target: organizations.slug })
    .returning();
  return row;
}

/** Inserts the project; undefined when the organization has a project with that slug. */
export async function insertProject(
  db: Queryable,
  values: { organizationId: string; slug: string; name: string },
): Promise<ProjectRow | undefined> {
  const [row] = await db
    .insert(projects)
    .values(values)
    .onConflictDoNothing({ target: [projects.organizationId, projects.slug] })
    .returning();
  return row;
}

/** The organization's members with their names, owners first. */
export function listMembers(db: Queryable, organizationId: string) {
  return db
    .select({
      userId: memberships.userId,
      role: memberships.role,
      createdAt: memberships.createdAt,
      name: users.name,
      email: users.email,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(memberships.role, users.email);
}

export async function findMembershipForUpdate(
  db: Queryable,
  organizationId: string,
  userId: string,
): Promise<MembershipRow | undefined> {
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)))
    .for('update');
  return row;
}

/** Inserts the membership; false when the user is already a member. */
export async function insertMembership(
  db: Queryable,
  values: { organizationId: string; userId: string; role: MemberRole },
): Promise<boolean> {
  const inserted = await db
    .insert(memberships)
    .values(values)
    .onConflictDoNothing({ target: [memberships.organizationId, memberships.userId] })
    .returning({ userId: memberships.userId });
  return inserted.length > 0;
}

export async function updateMembershipRole(
  db: Queryable,
  organizationId: string,
  userId: string,
  role: MemberRole,
) {
  await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
}

export async function deleteMembership(db: Queryable, organizationId: string, userId: string) {
  await db
    .delete(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
}

/** The organization's owners, locked: concurrent demotions cannot both see a second owner. */
export async function lockOwners(db: Queryable, organizationId: string): Promise<number> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, 'owner')))
    .for('update');
  return rows.length;
}
