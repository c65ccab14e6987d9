import { loadBuildRunForExecution } from '@kiln/api';
import type { KilnDb } from '@kiln/db';
import {
  type BuildPlan,
  type ExecutableStep,
  hasErrors,
  instantiateBuild,
  type PluginRegistry,
  parseTemplate,
  planBuilds,
  validateTemplate,
} from '@kiln/engine';
import { badConfigFailure, toApplicationFailure } from './failures.ts';
import type { PreparedBuild } from './types.ts';

export interface ExecutableBuild {
  plan: BuildPlan;
  steps: ExecutableStep[];
  summary: PreparedBuild;
}

export interface ExecutableRun {
  buildRunId: string;
  templateName: string;
  builds: ExecutableBuild[];
}

/**
 * Loads a build run's template revision and turns it into executable steps. Parsing, planning and
 * instantiating are deterministic, so every process finds the same step at `(buildName, index)`.
 * Throws a non-retryable `bad-config` failure, with every diagnostic, for a template that cannot run.
 */
export async function loadExecutableRun(
  db: KilnDb,
  plugins: PluginRegistry,
  buildRunId: string,
): Promise<ExecutableRun> {
  const { revision, template } = await loadBuildRunForExecution(db, { buildRunId });
  const files = { [revision.filename]: revision.content };
  const where = `template "${template.name}" (${revision.filename})`;

  const parsed = parseTemplate([{ filename: revision.filename, content: revision.content }]);
  if (!parsed.template || hasErrors(parsed.diagnostics)) {
    throw badConfigFailure(`${where} does not parse`, parsed.diagnostics, files);
  }
  const validation = validateTemplate(parsed.template, plugins);
  if (hasErrors(validation)) throw badConfigFailure(`${where} is not valid`, validation, files);
  const planned = planBuilds(parsed.template);
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
        bucketName: plan.registry.bucketName,
        componentType: `${plan.sourceType}.${plan.sourceName}`,
        steps: instantiated.steps.map((step, index) => ({ index, name: step.name, kind: step.kind })),
      },
    };
  });
  return { buildRunId, templateName: template.name, builds };
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
