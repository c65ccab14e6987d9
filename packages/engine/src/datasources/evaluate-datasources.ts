import { type Diagnostic, hasErrors } from '../errors/diagnostic.ts';
import { withVariables } from '../evaluate/context.ts';
import { pluginConfig } from '../evaluate/plugin-config.ts';
import { evaluateLocals } from '../evaluate/variables.ts';
import type { Template } from '../model/template.ts';
import type { PluginRegistry } from '../spi/plugin.ts';
import type { RegistryLookup } from '../spi/registry-lookup.ts';
import { fromPlain } from '../values/json.ts';
import { DYNAMIC_VAL, type Value, objectVal } from '../values/value.ts';

export interface DatasourceOptions {
  /** Aborts running data sources (a cancelled build or validation). */
  signal?: AbortSignal;
  /** Kiln's image registry for the `hcp-packer-version` / `hcp-packer-artifact` data sources. */
  registry?: RegistryLookup;
}

/**
 * Runs the template's `data` blocks through their plugins (prepare, then execute), in
 * declaration order: a data source sees the variables and the data sources before it. Then the
 * locals are evaluated again with the data values, so that sources and provisioners see them.
 * `parseTemplate` stays synchronous and leaves `data.*` unknown; this is the asynchronous phase
 * that `validate -evaluate-datasources` and `build` run after it.
 */
export async function evaluateDatasources(
  template: Template,
  plugins: PluginRegistry,
  options: DatasourceOptions = {},
): Promise<{ template: Template; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const signal = options.signal ?? new AbortController().signal;
  const results = new Map<string, Map<string, Value>>();
  for (const decl of template.datasources) results.set(decl.type, new Map());
  const dataValue = () => {
    const byType: Record<string, Value> = {};
    for (const d of template.datasources) {
      const values = results.get(d.type) ?? new Map<string, Value>();
      byType[d.type] = objectVal(
        Object.fromEntries(
          template.datasources
            .filter((x) => x.type === d.type)
            .map((x) => [x.name, values.get(x.name) ?? DYNAMIC_VAL]),
        ),
      );
    }
    return objectVal(byType);
  };
  for (const decl of template.datasources) {
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
      continue;
    }
    const ctx = withVariables(template.context, { data: dataValue() });
    const evaluated = pluginConfig(decl.body, plugin.schema, ctx, 'error');
    diagnostics.push(...evaluated.diagnostics);
    if (hasErrors(evaluated.diagnostics)) continue;
    const prepared = plugin.prepare(evaluated.config);
    diagnostics.push(...prepared.diagnostics.map((d) => (d.subject ? d : { ...d, subject: decl.range })));
    if (hasErrors(prepared.diagnostics) || prepared.config === undefined) continue;
    try {
      const output = await plugin.execute(prepared.config, {
        signal,
        ...(options.registry ? { registry: options.registry } : {}),
      });
      results.get(decl.type)?.set(decl.name, fromPlain(output));
    } catch (error) {
      diagnostics.push({
        severity: 'error',
        summary: 'Data source failed',
        detail: `${where} failed: ${error instanceof Error ? error.message : String(error)}`,
        subject: decl.range,
      });
    }
  }
  const withData = withVariables(template.context, { data: dataValue() });
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
