import { type Diagnostic, hasErrors } from '../errors/diagnostic.ts';
import { diagnosticLocation } from '../errors/format.ts';
import { type EvalContext, withVariables } from '../evaluate/context.ts';
import { evaluate } from '../evaluate/expression.ts';
import { type UnknownMode, pluginConfig } from '../evaluate/plugin-config.ts';
import { valueToJson } from '../evaluate/to-json.ts';
import type { PluginBlock, ProvisionerDecl } from '../model/template.ts';
import type { Body } from '../parse/ast.ts';
import type { BuildPlan } from './build-plan.ts';
import type { JsonObject } from '../spi/json.ts';
import { type PluginSchema, type PrepareResult, UNKNOWN_PLACEHOLDER } from '../spi/plugin.ts';
import { ValueError } from '../values/errors.ts';
import { DYNAMIC_VAL, type Value, objectVal, stringVal } from '../values/value.ts';

/**
 * `build.*` as known now: unknown before the build runs; while it runs, `build.name` (the build
 * block's name) and the values the builder generated (`build.ID`, `build.Host`, ...).
 */
export function buildObject(name: string, generated?: Record<string, string>): Value {
  if (!generated) return DYNAMIC_VAL;
  const values: Record<string, Value> = { name: stringVal(name) };
  for (const [k, v] of Object.entries(generated)) values[k] = stringVal(v);
  return objectVal(values);
}

export function withBuild(ctx: EvalContext, name: string, generated?: Record<string, string>): EvalContext {
  return withVariables(ctx, { build: buildObject(name, generated) });
}

/** Evaluates a provisioner's or post-processor's settings, applying its `override` for this source. */
export function stepConfig(
  decl: PluginBlock & { name?: string; override?: ProvisionerDecl['override'] },
  schema: PluginSchema,
  ctx: EvalContext,
  sourceRef: string,
  unknownMode: UnknownMode,
): { config: JsonObject; diagnostics: Diagnostic[] } {
  const result = pluginConfig(decl.body, schema, ctx, unknownMode, { blockName: decl.name ?? '' });
  if (!decl.override || hasErrors(result.diagnostics)) return result;
  const override = evaluate(decl.override, ctx);
  result.diagnostics.push(...override.diagnostics);
  if (override.diagnostics.length > 0 || !override.value.isKnown || override.value.isNull) return result;
  try {
    const all = valueToJson(override.value, () => UNKNOWN_PLACEHOLDER);
    const mine = all && typeof all === 'object' && !Array.isArray(all) ? all[sourceRef] : undefined;
    if (mine && typeof mine === 'object' && !Array.isArray(mine)) Object.assign(result.config, mine);
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    result.diagnostics.push({
      severity: 'error',
      summary: 'Invalid override',
      detail: `The override must be an object of objects keyed by source: ${error.message}.`,
      subject: decl.override.range,
    });
  }
  return result;
}

/** Diagnostics as one message, for a step that fails while the build runs. */
export function diagnosticsMessage(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${diagnosticLocation(d)}: ${d.summary}${d.detail ? `: ${d.detail}` : ''}`)
    .join('\n');
}

/** What a build's `source` block adds to the source's settings, as `pluginConfig` takes it. */
export function withAdditions(build: BuildPlan): { additions?: Body } {
  return build.additions ? { additions: build.additions } : {};
}

/**
 * A provisioner's or post-processor's settings for this build at this point of the run, evaluated
 * and handed to its plugin's prepare(): the prepared config, or why the step cannot run.
 */
export function prepareStepConfig<C>(
  build: BuildPlan,
  decl: PluginBlock & { name?: string; override?: ProvisionerDecl['override'] },
  plugin: { schema: PluginSchema; prepare(config: JsonObject): PrepareResult<C> },
  sourceRef: string,
  generated: Record<string, string>,
): { config: C } | { error: string } {
  const evaluated = stepConfig(
    decl,
    plugin.schema,
    withBuild(build.context, build.buildBlockName, generated),
    sourceRef,
    'error',
  );
  if (hasErrors(evaluated.diagnostics)) return { error: diagnosticsMessage(evaluated.diagnostics) };
  const prepared = plugin.prepare(evaluated.config);
  if (hasErrors(prepared.diagnostics) || prepared.config === undefined) {
    return {
      error:
        diagnosticsMessage(prepared.diagnostics) ||
        `the ${decl.type} ${plugin.schema.kind} did not accept its settings`,
    };
  }
  return { config: prepared.config };
}
