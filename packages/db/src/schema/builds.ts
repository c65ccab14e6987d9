import {
  bigint,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, ulidId } from './columns.ts';
import { templateRevisions, templates } from './templates.ts';
import { organizationRef, projectRef } from './tenancy.ts';

export const BUILD_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type BuildRunStatus = (typeof BUILD_RUN_STATUSES)[number];
export const buildRunStatusEnum = pgEnum('build_run_status', BUILD_RUN_STATUSES);

export const BUILD_STEP_STATUSES = [
  'pending',
  'running',
  'completed',
  'paused',
  'failed',
  'cleaned-up',
  'cleanup-failed',
] as const;
export type BuildStepStatus = (typeof BUILD_STEP_STATUSES)[number];
export const buildStepStatusEnum = pgEnum('build_step_status', BUILD_STEP_STATUSES);

export const LOG_STREAMS = ['stdout', 'stderr', 'system'] as const;
export type LogStream = (typeof LOG_STREAMS)[number];
export const logStreamEnum = pgEnum('log_stream', LOG_STREAMS);

export const ACTOR_TYPES = ['user', 'service_principal', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];
export const actorTypeEnum = pgEnum('actor_type', ACTOR_TYPES);

/** A build run's options as stored (see @kiln/api's BuildRunOptions for their meaning). */
export interface BuildRunOptionsRow {
  only?: string[];
  except?: string[];
  parallelBuilds?: number;
  failFast?: boolean;
  onError?: 'cleanup' | 'abort' | 'run-cleanup-provisioner';
  deadlineSeconds?: number;
  /** Names of the variables given with `-var` / var files (their values are sealed). */
  variableNames?: string[];
}

export const buildRuns = pgTable(
  'build_runs',
  {
    id: ulidId(),
    organizationId: organizationRef(),
    projectId: projectRef(),
    templateId: text('template_id')
      .notNull()
      .references(() => templates.id, { onDelete: 'cascade' }),
    templateRevisionId: text('template_revision_id')
      .notNull()
      .references(() => templateRevisions.id, { onDelete: 'cascade' }),
    status: buildRunStatusEnum('status').notNull().default('queued'),
    /** bad-config | provisioner-failed | cloud-transient | cancelled | timed-out | internal */
    failureClass: text('failure_class'),
    error: text('error'),
    fingerprint: text('fingerprint').notNull(),
    /**
     * How the run was asked to go (`-only`/`-except`, parallel builds, fail-fast, on-error, deadline):
     * never secrets; `-var` values are sealed in build_run_secrets.
     */
    options: jsonb('options').$type<BuildRunOptionsRow>().notNull().default({}),
    actorType: actorTypeEnum('actor_type').notNull(),
    actorId: text('actor_id'),
    workflowId: text('workflow_id'),
    /** Last log sequence number handed out; the row lock on update serialises concurrent appends. */
    lastLogSeq: bigint('last_log_seq', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('build_runs_project_id_idx').on(t.projectId, t.id),
    index('build_runs_template_idx').on(t.templateId),
  ],
);

export const buildRunSteps = pgTable(
  'build_run_steps',
  {
    id: ulidId(),
    buildRunId: text('build_run_id')
      .notNull()
      .references(() => buildRuns.id, { onDelete: 'cascade' }),
    buildName: text('build_name').notNull(),
    stepIndex: integer('step_index').notNull(),
    stepName: text('step_name').notNull(),
    kind: text('kind').notNull(),
    status: buildStepStatusEnum('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    completions: integer('completions').notNull().default(0),
    message: text('message'),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('build_run_steps_run_build_index_unique').on(t.buildRunId, t.buildName, t.stepIndex)],
);

export const buildLogLines = pgTable(
  'build_log_lines',
  {
    id: ulidId(),
    buildRunId: text('build_run_id')
      .notNull()
      .references(() => buildRuns.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    buildName: text('build_name'),
    stream: logStreamEnum('stream').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('build_log_lines_run_seq_unique').on(t.buildRunId, t.seq)],
);

/**
 * The outputs of a run's data sources (type → name → output object), resolved once when the run
 * is prepared so that every step of every worker sees the same values. They may hold secrets:
 * no API reads them, they never enter logs or workflow history, and the row is deleted when the
 * run finishes.
 */
export const buildRunDatasourceOutputs = pgTable('build_run_datasource_outputs', {
  buildRunId: text('build_run_id')
    .primaryKey()
    .references(() => buildRuns.id, { onDelete: 'cascade' }),
  organizationId: organizationRef(),
  projectId: projectRef(),
  outputs: jsonb('outputs').$type<Record<string, Record<string, Record<string, unknown>>>>().notNull(),
  createdAt: createdAt(),
});

export const LEDGER_STATUSES = ['intended', 'created', 'deleted', 'orphaned'] as const;
export type LedgerStatusValue = (typeof LEDGER_STATUSES)[number];
export const ledgerStatusEnum = pgEnum('ledger_status', LEDGER_STATUSES);

/**
 * The resource ledger: every temporary resource a build's step creates, written before it is
 * created and marked when it exists, is deleted or could not be deleted (orphaned). It outlives the
 * run's workflow, so a sweeper can reap what an ended run left, and the build page lists orphans.
 */
export const buildResources = pgTable(
  'build_resources',
  {
    id: ulidId(),
    organizationId: organizationRef(),
    projectId: projectRef(),
    buildRunId: text('build_run_id')
      .notNull()
      .references(() => buildRuns.id, { onDelete: 'cascade' }),
    buildName: text('build_name').notNull(),
    /** The step that recorded it. */
    stepIndex: integer('step_index').notNull(),
    resourceKey: text('resource_key').notNull(),
    kind: text('kind').notNull(),
    provider: text('provider').notNull(),
    region: text('region'),
    description: text('description').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    status: ledgerStatusEnum('status').notNull().default('intended'),
    externalId: text('external_id'),
    idempotencyKey: text('idempotency_key').notNull(),
    tags: jsonb('tags').$type<Record<string, string>>().notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('build_resources_run_build_key_unique').on(t.buildRunId, t.buildName, t.resourceKey),
    index('build_resources_status_idx').on(t.status, t.buildRunId),
  ],
);

/**
 * Secrets of a run, sealed (AES-256-GCM): the `-var` values it was started with and what its
 * builds make while they run (a temporary private key). Never in workflow history, logs or any API;
 * deleted when the run ends.
 */
export const buildRunSecrets = pgTable(
  'build_run_secrets',
  {
    buildRunId: text('build_run_id')
      .notNull()
      .references(() => buildRuns.id, { onDelete: 'cascade' }),
    /** The build it belongs to; '' for the run's own inputs. */
    buildName: text('build_name').notNull(),
    name: text('name').notNull(),
    sealed: text('sealed').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('build_run_secrets_unique').on(t.buildRunId, t.buildName, t.name)],
);
