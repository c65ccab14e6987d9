import { type Diagnostic, hasErrors } from '../errors/diagnostic.ts';
import { withVariables } from '../evaluate/context.ts';
import { pluginConfig } from '../evaluate/plugin-config.ts';
import { evaluateLocals } from '../evaluate/variables.ts';
import type { DataDecl, Template } from '../model/template.ts';
import type { PluginRegistry } from '../spi/plugin.ts';
import type { RegistryLookup } from '../spi/registry-lookup.ts';
import type { JsonObject } from '../spi/json.ts';
import { fromPlain } from '../values/json.ts';
import { datasourceDependencies, datasourceKey } from './dependencies.ts';
import { DYNAMIC_VAL, type Value, objectVal } from '../values/value.ts';

export interface DatasourceOptions {
  /** Aborts running data sources (a cancelled build or validation). */
  signal?: AbortSignal;
  /** Kiln's image registry for the `hcp-packer-version` / `hcp-packer-artifact` data sources. */
  registry?: RegistryLookup;
}

/** Each data source's output, by type and name: plain JSON, so that it can be stored and read back. */
export type DatasourceOutputs = Record<string, Record<string, JsonObject>>;

/**
 * Runs the template's `data` blocks through their plugins (prepare, then execute), each after the
 * data sources it refers to: a data source sees the variables and those data sources. Then the
 * locals are evaluated again with the data values, so that sources and provisioners see them.
 * `parseTemplate` stays synchronous and leaves `data.*` unknown; this is the asynchronous phase
 * that `validate -evaluate-datasources` and `build` run after it.
 */
export async function evaluateDatasources(
  template: Template,
  plugins: PluginRegistry,
  options: DatasourceOptions = {},
): Promise<{ template: Template; diagnostics: Diagnostic[] }> {
  const resolved = await resolveDatasources(template, plugins, options);
  const applied = applyDatasourceOutputs(template, resolved.outputs);
  return { template: applied.template, diagnostics: [...resolved.diagnostics, ...applied.diagnostics] };
}

/**
 * The first half of `evaluateDatasources`: runs the data sources, each after the ones it refers
 * to, and returns their outputs without touching the template. A build resolves them once, keeps the outputs (they may hold
 * secrets, so never in logs or workflow history) and applies them wherever it needs the template.
 */
export async function resolveDatasources(
  template: Template,
  plugins: PluginRegistry,
  options: DatasourceOptions = {},
): Promise<{ outputs: DatasourceOutputs; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const signal = options.signal ?? new AbortController().signal;
  const outputs: DatasourceOutputs = {};
  const declared = new Map(template.datasources.map((d) => [datasourceKey(d), d]));
  /** Per data source: whether it produced an output; absent while not yet resolved. */
  const settled = new Map<string, boolean>();

  const run = async (decl: DataDecl): Promise<boolean> => {
    const where = `data "${decl.type}" "${decl.name}"`;
    const plugin = plugins.datasource(decl.type);
    if (!plugin) {
      const known = plugins.known('datasource');
      diagnostics.push({
        severity: 'error',
        summary: `Unknown datasource type "${decl.type}"`,
        detail: `There is no datasource of type "${decl.type}". Known datasources: ${known.length > 0 ? known.join(', ') : 'none'}.`,
        subject: decl.typeRange,
      });
      return false;
    }
    const ctx = withVariables(template.context, { data: dataValue(template, outputs) });
    const evaluated = pluginConfig(decl.body, plugin.schema, ctx, 'error');
    diagnostics.push(...evaluated.diagnostics);
    if (hasErrors(evaluated.diagnostics)) return false;
    const prepared = plugin.prepare(evaluated.config);
    diagnostics.push(...prepared.diagnostics.map((d) => (d.subject ? d : { ...d, subject: decl.range })));
    if (hasErrors(prepared.diagnostics) || prepared.config === undefined) return false;
    if (signal.aborted) {
      diagnostics.push({
        severity: 'error',
        summary: 'Data sources cancelled',
        detail: `Cancelled before ${where} ran.`,
        subject: decl.range,
      });
      return false;
    }
    try {
      const output = await plugin.execute(prepared.config, {
        signal,
        ...(options.registry ? { registry: options.registry } : {}),
      });
      outputs[decl.type] = { ...outputs[decl.type], [decl.name]: output };
      return true;
    } catch (error) {
      diagnostics.push({
        severity: 'error',
        summary: 'Data source failed',
        detail: `${where} failed: ${error instanceof Error ? error.message : String(error)}`,
        subject: decl.range,
      });
      return false;
    }
  };

  /**
   * Resolves what a data source depends on first, as Packer does. A data source whose dependency
   * failed is not run: the dependency's own error says why.
   */
  const resolve = async (decl: DataDecl, path: DataDecl[]): Promise<boolean> => {
    const key = datasourceKey(decl);
    const done = settled.get(key);
    if (done !== undefined) return done;
    if (path.includes(decl)) {
      const cycle = [...path.slice(path.indexOf(decl)), decl].map((d) => `data.${datasourceKey(d)}`);
      diagnostics.push({
        severity: 'error',
        summary: 'Cycle between data sources',
        detail: `The data sources depend on each other: ${cycle.join(' -> ')}.`,
        subject: decl.range,
      });
      settled.set(key, false);
      return false;
    }
    let ready = true;
    for (const dependency of datasourceDependencies(decl)) {
      const target = declared.get(dependency);
      if (target && !(await resolve(target, [...path, decl]))) ready = false;
    }
    if (settled.has(key)) return settled.get(key) === true;
    const ok = ready && (await run(decl));
    settled.set(key, ok);
    return ok;
  };

  for (const decl of template.datasources) {
    await resolve(decl, []);
    if (signal.aborted) break;
  }
  return { outputs, diagnostics };
}

/**
 * The second half of `evaluateDatasources`: gives `data.*` the outputs (unknown where a data
 * source has none) and evaluates the locals again with them.
 */
export function applyDatasourceOutputs(
  template: Template,
  outputs: DatasourceOutputs,
): { template: Template; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const withData = withVariables(template.context, { data: dataValue(template, outputs) });
  const localValues = evaluateLocals(template.locals, withData, diagnostics);
  return {
    template: {
      ...template,
      localValues,
      context: withVariables(withData, { local: objectVal(localValues) }),
    },
    diagnostics,
  };
}

/** `data` as an object of types, each an object of names; a data source without output is unknown. */
function dataValue(template: Template, outputs: DatasourceOutputs): Value {
  const byType: Record<string, Record<string, Value>> = {};
  for (const d of template.datasources) {
    const output = outputs[d.type]?.[d.name];
    byType[d.type] = { ...byType[d.type], [d.name]: output ? fromPlain(output) : DYNAMIC_VAL };
  }
  return objectVal(
    Object.fromEntries(Object.entries(byType).map(([type, byName]) => [type, objectVal(byName)])),
  );
}
