import {
  BUCKET_NAME_RULE,
  isValidBucketName,
  loadBuildRunForExecution,
  loadDatasourceOutputs,
  openRunVariables,
  type Sealer,
} from '@kiln/api';
import type { KilnDb } from '@kiln/db';
import {
  applyDatasourceOutputs,
  type BuildPlan,
  type ExecutableStep,
  hasErrors,
  instantiateBuild,
  type PluginRegistry,
  parseTemplate,
  planBuilds,
  type Template,
  validateTemplate,
} from '@kiln/engine';
import { badConfigFailure, toApplicationFailure } from './failures.ts';
import { createRedactor, sensitiveValuesOf } from './redact.ts';
import type { PreparedBuild, RunOptions } from './types.ts';

export interface ExecutableBuild {
  plan: BuildPlan;
  steps: ExecutableStep[];
  summary: PreparedBuild;
}

export interface ExecutableRun {
  buildRunId: string;
  templateName: string;
  builds: ExecutableBuild[];
  options: RunOptions;
  /** Hides the template's sensitive values in build output. */
  redact: (text: string) => string;
}

/** A failed build's resources are kept an hour with `on-error` abort, unless the run says otherwise. */
const KEEP_ON_ERROR_SECONDS = 3600;

/** A run's template revision, parsed and validated, with what its diagnostics need to show source lines. */
export interface RunTemplate {
  buildRunId: string;
  scope: { organizationId: string; projectId: string };
  templateName: string;
  template: Template;
  /** `template "<name>" (<file>)`, how failures name the template. */
  where: string;
  files: Record<string, string>;
  options: RunOptions;
  /** `-only` / `-except` as the run was started. */
  only: string[];
  except: string[];
  /** The values of sensitive variables and locals, hidden in build output. */
  sensitive: string[];
}

/**
 * Loads a build run's template revision, parsed and validated. Throws a non-retryable `bad-config`
 * failure, with every diagnostic, for a template that cannot run.
 */
export async function loadRunTemplate(
  db: KilnDb,
  plugins: PluginRegistry,
  sealer: Sealer,
  buildRunId: string,
): Promise<RunTemplate> {
  const { run, revision, template } = await loadBuildRunForExecution(db, { buildRunId });
  const inputs = await openRunVariables(db, sealer, buildRunId);
  const files: Record<string, string> = { [revision.filename]: revision.content };
  for (const file of inputs.varFiles) files[file.filename] = file.content;
  const where = `template "${template.name}" (${revision.filename})`;
  const parsed = parseTemplate([{ filename: revision.filename, content: revision.content }], {
    variables: inputs.variables,
    varFiles: inputs.varFiles,
  });
  if (!parsed.template || hasErrors(parsed.diagnostics)) {
    throw badConfigFailure(`${where} does not parse`, parsed.diagnostics, files);
  }
  const validation = validateTemplate(parsed.template, plugins);
  if (hasErrors(validation)) throw badConfigFailure(`${where} is not valid`, validation, files);
  return {
    buildRunId,
    scope: { organizationId: run.organizationId, projectId: run.projectId },
    templateName: template.name,
    template: parsed.template,
    where,
    files,
    options: {
      parallelBuilds: run.options.parallelBuilds ?? 0,
      failFast: run.options.failFast ?? false,
      onError: run.options.onError ?? 'cleanup',
      ...(run.options.deadlineSeconds ? { deadlineSeconds: run.options.deadlineSeconds } : {}),
      keepOnErrorSeconds: KEEP_ON_ERROR_SECONDS,
    },
    only: run.options.only ?? [],
    except: run.options.except ?? [],
    sensitive: sensitiveValuesOf(parsed.template),
  };
}

/**
 * Turns a run's template into executable steps, with the data source outputs its preparation kept.
 * Parsing, applying the kept outputs, planning and instantiating are deterministic, so every process
 * finds the same step at `(buildName, index)`.
 */
export async function loadExecutableRun(
  db: KilnDb,
  plugins: PluginRegistry,
  sealer: Sealer,
  buildRunId: string,
): Promise<ExecutableRun> {
  const source = await loadRunTemplate(db, plugins, sealer, buildRunId);
  const { where, files } = source;
  let template = source.template;
  if (template.datasources.length > 0) {
    const outputs = await loadDatasourceOutputs(db, { buildRunId });
    if (!outputs) {
      throw toApplicationFailure({
        class: 'internal',
        message: `build run ${buildRunId}: ${where} has data sources, but none were resolved for this run (it was not prepared, or it has finished)`,
      });
    }
    const applied = applyDatasourceOutputs(template, outputs);
    if (hasErrors(applied.diagnostics)) {
      throw badConfigFailure(
        `${where}: the locals fail with the data sources' values`,
        applied.diagnostics,
        files,
      );
    }
    template = applied.template;
  }
  const planned = planBuilds(template, {
    forRun: true,
    ...(source.only.length > 0 ? { only: source.only } : {}),
    ...(source.except.length > 0 ? { except: source.except } : {}),
  });
  if (hasErrors(planned.diagnostics))
    throw badConfigFailure(`${where} has no runnable builds`, planned.diagnostics, files);

  const builds = planned.builds.map((plan): ExecutableBuild => {
    const instantiated = instantiateBuild(plan, plugins);
    if (hasErrors(instantiated.diagnostics)) {
      throw badConfigFailure(`${where}: build "${plan.name}" cannot run`, instantiated.diagnostics, files);
    }
    return {
      plan,
      steps: instantiated.steps,
      summary: {
        name: plan.name,
        bucketName: bucketNameOf(plan, source.templateName, where, files),
        componentType: `${plan.sourceType}.${plan.sourceName}`,
        steps: instantiated.steps.map((step, index) => ({ index, name: step.name, kind: step.kind })),
      },
    };
  });
  return {
    buildRunId,
    templateName: source.templateName,
    builds,
    options: source.options,
    redact: createRedactor(source.sensitive),
  };
}

/**
 * The registry bucket a build lands in. An `hcp_packer_registry` block's name (or its build's) must
 * be a valid bucket name, as HCP Packer requires; a plain Packer template, without the block, lands
 * in a bucket named after its build block, or after the template when that block has no name, made
 * valid (other characters become dashes, at most 36).
 */
function bucketNameOf(
  plan: BuildPlan,
  templateName: string,
  where: string,
  files: Record<string, string>,
): string {
  const { bucketName, declared } = plan.registry;
  if (declared) {
    if (isValidBucketName(bucketName)) return bucketName;
    throw badConfigFailure(
      `${where}: build "${plan.name}" cannot be registered`,
      [
        {
          severity: 'error',
          summary: 'Invalid bucket name',
          detail: `The bucket name "${bucketName}" is not valid: ${BUCKET_NAME_RULE} (set bucket_name in hcp_packer_registry).`,
          subject: plan.range,
        },
      ],
      files,
    );
  }
  const derived = (bucketName || templateName)
    .replace(/[^a-zA-Z0-9-]+/g, '-')
    .slice(0, 36)
    .replace(/^-+|-+$/g, '');
  return derived || 'default';
}

/** The step at `(buildName, index)`; a missing one means the template changed under a running build. */
export function findStep(run: ExecutableRun, buildName: string, index: number): ExecutableStep {
  const build = run.builds.find((b) => b.plan.name === buildName);
  const step = build?.steps[index];
  if (!step) {
    throw toApplicationFailure({
      class: 'internal',
      message: `build run ${run.buildRunId}: no step ${index} in build "${buildName}" (builds: ${run.builds
        .map((b) => `${b.plan.name} with ${b.steps.length} steps`)
        .join(', ')})`,
    });
  }
  return step;
}
