import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { actorTypeEnum } from './builds.ts';
import { createdAt, ulidId, updatedAt } from './columns.ts';
import { organizationRef, projectRef } from './tenancy.ts';

export const VERSION_STATUSES = ['running', 'active', 'failed'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
export const versionStatusEnum = pgEnum('version_status', VERSION_STATUSES);

export const REGISTRY_BUILD_STATUSES = ['running', 'done', 'failed'] as const;
export type RegistryBuildStatus = (typeof REGISTRY_BUILD_STATUSES)[number];
export const registryBuildStatusEnum = pgEnum('registry_build_status', REGISTRY_BUILD_STATUSES);

export const TEMPLATE_TYPES = ['hcl2', 'json'] as const;
export type TemplateType = (typeof TEMPLATE_TYPES)[number];
export const templateTypeEnum = pgEnum('template_type', TEMPLATE_TYPES);

export const buckets = pgTable(
  'buckets',
  {
    id: ulidId(),
    organizationId: organizationRef(),
    projectId: projectRef(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    labels: jsonb('labels').$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('buckets_project_name_unique').on(t.projectId, t.name)],
);

export const versions = pgTable(
  'versions',
  {
    id: ulidId(),
    organizationId: organizationRef(),
    projectId: projectRef(),
    bucketId: text('bucket_id')
      .notNull()
      .references(() => buckets.id, { onDelete: 'cascade' }),
    fingerprint: text('fingerprint').notNull(),
    /** `v0` while incomplete; `v<sequence>` once every build is done. */
    name: text('name').notNull().default('v0'),
    /** Per-bucket completion order; null until complete. */
    sequence: integer('sequence'),
    status: versionStatusEnum('status').notNull().default('running'),
    templateType: templateTypeEnum('template_type').notNull(),
    buildRunId: text('build_run_id'),
    createdBy: text('created_by').notNull(),
    /** Revocation takes effect at this time (now or later); the status is derived at read time. */
    revokeAt: timestamp('revoke_at', { withTimezone: true, mode: 'date' }),
    revocationMessage: text('revocation_message'),
    revokedBy: text('revoked_by'),
    /** Set when the revocation was inherited: the revoked ancestor version it came from. */
    revocationInheritedFromId: text('revocation_inherited_from_id'),
    /**
     * Whether channels on the version move back to their previous good version once it is revoked. An
     * immediate revocation moves them at once; a scheduled one is resolved at read time from the effect time.
     */
    revocationRollsBackChannels: boolean('revocation_rolls_back_channels').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('versions_bucket_fingerprint_unique').on(t.bucketId, t.fingerprint),
    uniqueIndex('versions_bucket_sequence_unique').on(t.bucketId, t.sequence),
    index('versions_build_run_idx').on(t.buildRunId),
    index('versions_revocation_inherited_from_idx').on(t.revocationInheritedFromId),
  ],
);

export const channels = pgTable(
  'channels',
  {
    id: ulidId(),
    organizationId: organizationRef(),
    projectId: projectRef(),
    bucketId: text('bucket_id')
      .notNull()
      .references(() => buckets.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    managed: boolean('managed').notNull().default(false),
    restricted: boolean('restricted').notNull().default(false),
    versionId: text('version_id').references((): AnyPgColumn => versions.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('channels_bucket_name_unique').on(t.bucketId, t.name)],
);

export const builds = pgTable(
  'builds',
  {
    id: ulidId(),
    organizationId: organizationRef(),
    projectId: projectRef(),
    versionId: text('version_id')
      .notNull()
      .references(() => versions.id, { onDelete: 'cascade' }),
    /** `<type>.<name>` of the source, e.g. `file.hello`. */
    componentType: text('component_type').notNull(),
    platform: text('platform').notNull().default(''),
    status: registryBuildStatusEnum('status').notNull().default('running'),
    labels: jsonb('labels').$type<Record<string, string>>().notNull().default({}),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    sourceExternalIdentifier: text('source_external_identifier'),
    parentVersionId: text('parent_version_id'),
    parentChannelId: text('parent_channel_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('builds_version_component_unique').on(t.versionId, t.componentType),
    index('builds_parent_version_idx').on(t.parentVersionId),
  ],
);

export const artifacts = pgTable(
  'artifacts',
  {
    id: ulidId(),
    organizationId: organizationRef(),
    projectId: projectRef(),
    buildId: text('build_id')
      .notNull()
      .references(() => builds.id, { onDelete: 'cascade' }),
    externalIdentifier: text('external_identifier').notNull(),
    region: text('region').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('artifacts_build_region_external_unique').on(t.buildId, t.region, t.externalIdentifier),
  ],
);

/** Append-only: one row per assignment of a channel, with who did it. */
export const channelAssignments = pgTable(
  'channel_assignments',
  {
    id: ulidId(),
    organizationId: organizationRef(),
    projectId: projectRef(),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    versionId: text('version_id').references(() => versions.id, { onDelete: 'set null' }),
    actorType: actorTypeEnum('actor_type').notNull(),
    actorId: text('actor_id'),
    /** Why the assignment was made when it was not a plain assignment, e.g. a rollback after a revocation. */
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [index('channel_assignments_channel_idx').on(t.channelId, t.createdAt)],
);

/**
 * Who looked a version up, through which channel, per day: what a revocation preview shows. One row per
 * (version, channel, actor, UTC day), counted up by each lookup.
 */
export const versionLookups = pgTable(
  'version_lookups',
  {
    id: ulidId(),
    organizationId: organizationRef(),
    projectId: projectRef(),
    versionId: text('version_id')
      .notNull()
      .references(() => versions.id, { onDelete: 'cascade' }),
    /** The channel name the lookup went through; `''` for a lookup by version. */
    channelName: text('channel_name').notNull().default(''),
    actorType: actorTypeEnum('actor_type').notNull(),
    /** The actor's id; `''` for the system. */
    actorId: text('actor_id').notNull().default(''),
    day: date('day', { mode: 'string' }).notNull(),
    count: integer('count').notNull().default(1),
    lastAt: timestamp('last_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('version_lookups_unique').on(t.versionId, t.channelName, t.actorType, t.actorId, t.day),
    index('version_lookups_project_day_idx').on(t.organizationId, t.projectId, t.day),
  ],
);
