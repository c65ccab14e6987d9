import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  appendBuildLogLines,
  completeRegistryBuild,
  createRegistryLookup,
  finishBuildRun,
  keepDatasourceOutputs,
  loadDatasourceOutputs,
  markBuildRunRunning,
  openBuildLedger,
  openBuildSecrets,
  recordBuildStepEvent,
  registerRegistryVersion,
  releaseBuildRun,
  type Sealer,
} from '@kiln/api';
import type { KilnDb } from '@kiln/db';
import {
  hasErrors,
  type LocalExecutor,
  type PluginRegistry,
  type RunContext,
  resolveDatasources,
  type StepResult,
} from '@kiln/engine';
import { Context } from '@temporalio/activity';
import type { Logger } from 'pino';
import { type BuildLogWriter, createBuildLogWriter } from './build-log.ts';
import { findStep, loadRunTemplate } from './executable-run.ts';
import { badConfigFailure, classifyStepError, mappingFailures, toApplicationFailure } from './failures.ts';
import { RunCache } from './run-cache.ts';
import type {
  BuildStepInput,
  CleanupStepInput,
  RecordBuildPauseInput,
  ReleaseBuildRunInput,
  CompleteRegistryBuildInput,
  FinishBuildRunInput,
  PrepareBuildRunInput,
  PrepareBuildRunResult,
} from './types.ts';

export interface BuildActivityDeps {
  db: KilnDb;
  plugins: PluginRegistry;
  logger: Logger;
  /** Each build run works in `<workRoot>/<buildRunId>`. */
  workRoot: string;
  /** How often a running step heartbeats, whatever its plugin does. */
  heartbeatIntervalMs?: number;
  /** How often build output is written to the database while a step runs. */
  logFlushIntervalMs?: number;
  /** Where local steps (`shell-local`) run. */
  local: LocalExecutor;
  /** Opens and seals the run's secrets (its `-var` values, what its builds make). */
  sealer: Sealer;
}

/** The activities of `imageBuildWorkflow`. Inputs and outputs carry ids and the JSON build state only. */
export function createBuildActivities(deps: BuildActivityDeps) {
  const { db, logger } = deps;
  const runs = new RunCache(db, deps.plugins, deps.sealer);
  const workDirOf = async (buildRunId: string) => {
    const dir = path.resolve(deps.workRoot, buildRunId);
    await mkdir(dir, { recursive: true });
    return dir;
  };
  const outputOf = (
    buildRunId: string,
    buildName: string | null,
    log: Logger,
    redact?: (text: string) => string,
  ): BuildLogWriter =>
    createBuildLogWriter({
      db,
      buildRunId,
      buildName,
      logger: log,
      ...(deps.logFlushIntervalMs ? { intervalMs: deps.logFlushIntervalMs } : {}),
      ...(redact ? { redact } : {}),
    });

  /** Runs `fn` with a RunContext whose output goes to the build log and whose signal is the activity's. */
  async function withStepContext<T>(
    input: BuildStepInput,
    activityName: string,
    fn: (ctx: RunContext, log: Logger, output: BuildLogWriter) => Promise<T>,
  ): Promise<T> {
    const activity = Context.current();
    const { buildRunId, buildName, stepIndex } = input;
    const log = logger.child({
      activity: activityName,
      buildRunId,
      buildName,
      stepIndex,
      attempt: activity.info.attempt,
    });
    const output = outputOf(buildRunId, buildName, log, (await runs.get(buildRunId)).redact);
    const ctx: RunContext = {
      buildName,
      workDir: await workDirOf(buildRunId),
      ledger: await openBuildLedger(db, { buildRunId, buildName, stepIndex }),
      secrets: openBuildSecrets(db, deps.sealer, { buildRunId, buildName }),
      local: deps.local,
      onError: input.onError ?? 'cleanup',
      signal: activity.cancellationSignal,
      heartbeat: (details) => activity.heartbeat(details),
      ui: {
        say: (text) => output.write('stdout', text),
        message: (text) => output.write('stdout', text),
        error: (text) => output.write('stderr', text),
      },
    };
    const beat = setInterval(() => activity.heartbeat(), deps.heartbeatIntervalMs ?? 1000);
    try {
      return await fn(ctx, log, output);
    } finally {
      clearInterval(beat);
      await output.close();
    }
  }

  /**
   * Runs the template's data sources once per run and keeps their outputs in the database for the
   * steps: never in workflow history or logs, since they may hold secrets. A retried preparation
   * reuses the outputs it kept.
   */
  async function resolveRunDatasources(buildRunId: string, log: Logger): Promise<void> {
    const source = await loadRunTemplate(db, deps.plugins, deps.sealer, buildRunId);
    const { template, where, files } = source;
    if (template.datasources.length === 0) return;
    if (await loadDatasourceOutputs(db, { buildRunId })) return;
    const names = template.datasources.map((d) => `data.${d.type}.${d.name}`);
    const startedAt = Date.now();
    const resolved = await resolveDatasources(template, deps.plugins, {
      signal: Context.current().cancellationSignal,
      registry: createRegistryLookup(db, source.scope),
    });
    if (hasErrors(resolved.diagnostics)) {
      log.warn({ datasources: names }, 'data sources failed');
      throw badConfigFailure(`${where}: data sources failed`, resolved.diagnostics, files);
    }
    await keepDatasourceOutputs(db, { buildRunId, outputs: resolved.outputs });
    await appendBuildLogLines(db, {
      buildRunId,
      lines: [
        {
          buildName: null,
          stream: 'system',
          text: `Read ${names.length} data source(s): ${names.join(', ')}`,
        },
      ],
    });
    log.info({ datasources: names, durationMs: Date.now() - startedAt }, 'data sources read');
  }

  const activities = {
    /** Records that a build stopped at a breakpoint, or was resumed, and says so in its output. */
    async recordBuildPause(input: RecordBuildPauseInput): Promise<void> {
      const { buildRunId, buildName, stepIndex, note, paused } = input;
      await recordBuildStepEvent(db, {
        buildRunId,
        buildName,
        stepIndex,
        event: paused ? 'paused' : 'resumed',
        ...(paused && note ? { message: note } : {}),
      });
      await appendBuildLogLines(db, {
        buildRunId,
        lines: [
          {
            buildName,
            stream: 'system',
            text: paused
              ? `Paused at a breakpoint${note ? ` (${note})` : ''}: resume the build to continue`
              : 'Resumed',
          },
        ],
      });
    },

    /** Forgets the run's secrets and data source outputs once every cleanup is over. */
    async releaseBuildRun(input: ReleaseBuildRunInput): Promise<void> {
      await releaseBuildRun(db, input);
      runs.forget(input.buildRunId);
    },

    /** Plans the run, marks it running and registers its registry version; idempotent on retry. */
    async prepareBuildRun({ buildRunId }: PrepareBuildRunInput): Promise<PrepareBuildRunResult> {
      const log = logger.child({
        activity: 'prepareBuildRun',
        buildRunId,
        attempt: Context.current().info.attempt,
      });
      await resolveRunDatasources(buildRunId, log);
      const run = await runs.get(buildRunId);
      const builds = run.builds.map((b) => b.summary);
      await markBuildRunRunning(db, {
        buildRunId,
        builds: builds.map((b) => ({ name: b.name, steps: b.steps })),
      });
      const buckets = new Map<string, typeof run.builds>();
      for (const build of run.builds) {
        const bucket = buckets.get(build.summary.bucketName) ?? [];
        bucket.push(build);
        buckets.set(build.summary.bucketName, bucket);
      }
      for (const [bucketName, bucketBuilds] of buckets) {
        const first = bucketBuilds[0]!.plan.registry;
        await registerRegistryVersion(db, {
          buildRunId,
          bucketName,
          ...(first.description ? { description: first.description } : {}),
          bucketLabels: first.bucketLabels,
          components: bucketBuilds.map((b) => ({
            componentType: b.summary.componentType,
            buildLabels: b.plan.registry.buildLabels,
          })),
        });
      }
      await workDirOf(buildRunId);
      await appendBuildLogLines(db, {
        buildRunId,
        lines: [
          {
            buildName: null,
            stream: 'system',
            text: `Planned ${builds.length} build(s): ${builds.map((b) => b.name).join(', ')}`,
          },
        ],
      });
      log.info({ builds: builds.length }, 'build run prepared');
      return { builds, options: run.options };
    },

    /**
     * Runs one step and returns its result. A step that throws fails the activity with its class
     * (permanent classes do not retry); on cancel the step stops and the activity returns a halt
     * that still carries the state, so cleanup knows what the step created.
     */
    async runBuildStep(input: BuildStepInput): Promise<StepResult> {
      const run = await runs.get(input.buildRunId);
      const step = findStep(run, input.buildName, input.stepIndex);
      return withStepContext(input, 'runBuildStep', async (ctx, log, output) => {
        const { buildRunId, buildName, stepIndex } = input;
        await recordBuildStepEvent(db, { buildRunId, buildName, stepIndex, event: 'started' });
        const attempt = Context.current().info.attempt;
        output.write('system', `==> ${step.kind} ${step.name}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
        const startedAt = Date.now();
        let result: StepResult;
        try {
          result = await step.run(input.state, ctx);
        } catch (thrown) {
          const error = classifyStepError(thrown, ctx.signal);
          output.write('system', `${step.kind} ${step.name} failed (${error.class}): ${error.message}`);
          await recordBuildStepEvent(db, {
            buildRunId,
            buildName,
            stepIndex,
            event: 'failed',
            message: error.message,
          });
          log.warn(
            { failureClass: error.class, err: thrown, durationMs: Date.now() - startedAt },
            'step failed',
          );
          if (error.class === 'cancelled') return { action: 'halt', state: input.state, error };
          throw toApplicationFailure(error, thrown);
        }
        if (result.action === 'halt') {
          output.write(
            'system',
            `${step.kind} ${step.name} failed (${result.error.class}): ${result.error.message}`,
          );
          await recordBuildStepEvent(db, {
            buildRunId,
            buildName,
            stepIndex,
            event: 'failed',
            message: result.error.message,
          });
          log.warn({ failureClass: result.error.class, durationMs: Date.now() - startedAt }, 'step halted');
        } else {
          await recordBuildStepEvent(db, { buildRunId, buildName, stepIndex, event: 'completed' });
          log.info({ durationMs: Date.now() - startedAt }, 'step completed');
        }
        return result;
      });
    },

    /** Cleans up what one step created; a failure is recorded and retried, never hidden. */
    async cleanupBuildStep(input: CleanupStepInput): Promise<void> {
      const run = await runs.get(input.buildRunId);
      const step = findStep(run, input.buildName, input.stepIndex);
      await withStepContext(input, 'cleanupBuildStep', async (ctx, log, output) => {
        const { buildRunId, buildName, stepIndex } = input;
        try {
          await step.cleanup(input.state, { ...ctx, outcome: input.outcome });
        } catch (thrown) {
          const message = thrown instanceof Error ? thrown.message : String(thrown);
          output.write('system', `cleanup of ${step.kind} ${step.name} failed: ${message}`);
          await recordBuildStepEvent(db, {
            buildRunId,
            buildName,
            stepIndex,
            event: 'cleanup-failed',
            message,
          });
          log.error({ err: thrown }, 'step cleanup failed');
          throw toApplicationFailure(
            { class: 'internal', message: `cleanup of step ${step.name} failed: ${message}` },
            thrown,
          );
        }
        await recordBuildStepEvent(db, { buildRunId, buildName, stepIndex, event: 'cleaned-up' });
      });
    },

    async completeRegistryBuild(input: CompleteRegistryBuildInput): Promise<void> {
      await completeRegistryBuild(db, input);
      logger.info(
        {
          activity: 'completeRegistryBuild',
          buildRunId: input.buildRunId,
          componentType: input.componentType,
          status: input.status,
        },
        'registry build completed',
      );
    },

    /** Records the outcome; the run's data source outputs are deleted with it, and forgotten here. */
    async finishBuildRun(input: FinishBuildRunInput): Promise<void> {
      const { keptForSeconds, ...outcome } = input;
      const summary = input.error ? `Build run ${input.status}: ${input.error}` : `Build run ${input.status}`;
      const kept =
        keptForSeconds === undefined
          ? []
          : [
              `The failed builds' resources are kept for ${keptForSeconds} s (on-error), then cleaned up; cancel the run to clean them up now.`,
            ];
      await appendBuildLogLines(db, {
        buildRunId: input.buildRunId,
        lines: [summary, ...kept].map((text) => ({ buildName: null, stream: 'system' as const, text })),
      });
      await finishBuildRun(db, { ...outcome, keepForCleanup: keptForSeconds !== undefined });
      if (keptForSeconds === undefined) runs.forget(input.buildRunId);
      logger.info(
        {
          activity: 'finishBuildRun',
          buildRunId: input.buildRunId,
          status: input.status,
          failureClass: input.failureClass,
        },
        'build run finished',
      );
    },
  };
  return {
    prepareBuildRun: mappingFailures(activities.prepareBuildRun),
    runBuildStep: mappingFailures(activities.runBuildStep),
    cleanupBuildStep: mappingFailures(activities.cleanupBuildStep),
    completeRegistryBuild: mappingFailures(activities.completeRegistryBuild),
    finishBuildRun: mappingFailures(activities.finishBuildRun),
    recordBuildPause: mappingFailures(activities.recordBuildPause),
    releaseBuildRun: mappingFailures(activities.releaseBuildRun),
  };
}

export type BuildActivities = ReturnType<typeof createBuildActivities>;
