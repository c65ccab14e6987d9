import { index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ulidId } from './columns.ts';
import { organizationRef, projects } from './tenancy.ts';

export const ROLES = ['owner', 'admin', 'contributor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const roleEnum = pgEnum('role', ROLES);

export const users = pgTable('users', {
  id: ulidId(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  /** Argon2id hash; null for users who sign in through OIDC only. */
  passwordHash: text('password_hash'),
  createdAt: createdAt(),
});

/**
 * An OIDC identity (issuer + subject) linked to a Kiln user. A user may have several; one identity belongs to
 * exactly one user. Linking never grants membership.
 */
export const userIdentities = pgTable(
  'user_identities',
  {
    id: ulidId(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The issuer URL without a trailing slash. */
    issuer: text('issuer').notNull(),
    /** The `sub` claim: stable per issuer, unlike the email. */
    subject: text('subject').notNull(),
    /** The email the issuer asserted when the identity was linked; informative only. */
    email: text('email'),
    createdAt: createdAt(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('user_identities_issuer_subject_unique').on(t.issuer, t.subject),
    index('user_identities_user_idx').on(t.userId),
  ],
);

export const SIGN_IN_OUTCOMES = ['succeeded', 'failed', 'locked'] as const;
export type SignInOutcome = (typeof SIGN_IN_OUTCOMES)[number];

/**
 * Every password sign-in attempt, by the email as typed (lower-cased) and the client address: the rate
 * limit and lockout count the failures here, so they hold across web processes. `locked` attempts were
 * turned away without checking the password and do not count.
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: ulidId(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    outcome: text('outcome', { enum: SIGN_IN_OUTCOMES }).notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('sign_in_attempts_email_idx').on(t.email, t.attemptedAt),
    index('sign_in_attempts_ip_idx').on(t.ip, t.attemptedAt),
  ],
);

export const memberships = pgTable(
  'memberships',
  {
    organizationId: organizationRef(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const servicePrincipals = pgTable(
  'service_principals',
  {
    id: ulidId(),
    organizationId: organizationRef(),
    /** When set, the principal acts only inside this project. */
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    clientId: text('client_id').notNull().unique(),
    /** Hex SHA-256 of the 256-bit random secret. */
    secretHash: text('secret_hash').notNull(),
    role: roleEnum('role').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('service_principals_organization_name_unique').on(t.organizationId, t.name)],
);
