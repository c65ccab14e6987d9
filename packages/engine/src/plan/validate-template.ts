import type { Diagnostic, SourceRange } from '../errors/diagnostic.ts';
import { pluginConfig } from '../evaluate/plugin-config.ts';
import type { Template } from '../model/template.ts';
import type { PluginKind, PluginRegistry, PluginSchema, PrepareResult } from '../spi/plugin.ts';
import type { JsonObject } from '../spi/json.ts';
import { hasErrors } from '../errors/diagnostic.ts';
import { planBuilds } from './plan-builds.ts';
import { stepConfig, withAdditions, withBuild } from './plugin-context.ts';
import { templateChecks } from './template-checks.ts';

export interface ValidateOptions {
  /** `-only` / `-except`: globs on build names; builds left out are not checked. */
  only?: string[];
  except?: string[];
}

function unknownType(
  kind: PluginKind,
  type: string,
  plugins: PluginRegistry,
  subject: SourceRange,
): Diagnostic {
  const known = [...plugins.known(kind)].sort();
  return {
    severity: 'error',
    summary: `Unknown ${kind} type "${type}"`,
    detail: `There is no ${kind} of type "${type}". Known ${kind}s: ${known.length > 0 ? known.join(', ') : 'none'}.`,
    subject,
  };
}

function prepared(result: PrepareResult<unknown>, subject: SourceRange): Diagnostic[] {
  return result.diagnostics.map((d) => (d.subject ? d : { ...d, subject }));
}

/**
 * Checks a template against the plugins: unknown plugin types, unknown and missing settings,
 * values of the wrong type, then each plugin's own prepare(). Returns every diagnostic.
 */
export function validateTemplate(
  template: Template,
  plugins: PluginRegistry,
  options: ValidateOptions = {},
): Diagnostic[] {
  const { builds, diagnostics } = planBuilds(template, {
    ...(options.only ? { only: options.only } : {}),
    ...(options.except ? { except: options.except } : {}),
  });
  const out: Diagnostic[] = [...templateChecks(template), ...diagnostics];
  // Packer knows every provisioner and post-processor type when it decodes the build blocks,
  // before only/except leave any out.
  for (const build of template.builds) {
    const provisioners = [
      ...build.provisioners,
      ...(build.errorCleanupProvisioner ? [build.errorCleanupProvisioner] : []),
    ];
    for (const p of provisioners)
      if (!plugins.provisioner(p.type)) out.push(unknownType('provisioner', p.type, plugins, p.typeRange));
    for (const p of build.postProcessors.flat())
      if (!plugins.postProcessor(p.type))
        out.push(unknownType('post-processor', p.type, plugins, p.typeRange));
  }
  const check = (
    kind: PluginKind,
    type: string,
    typeRange: SourceRange,
    range: SourceRange,
    plugin: { schema: PluginSchema; prepare(config: JsonObject): PrepareResult<unknown> } | undefined,
    evaluate: (schema: PluginSchema) => { config: JsonObject; diagnostics: Diagnostic[] },
  ) => {
    if (!plugin) {
      out.push(unknownType(kind, type, plugins, typeRange));
      return;
    }
    const evaluated = evaluate(plugin.schema);
    out.push(...evaluated.diagnostics);
    if (hasErrors(evaluated.diagnostics)) return;
    out.push(...prepared(plugin.prepare(evaluated.config), range));
  };
  for (const build of builds) {
    const sourceRef = `${build.sourceType}.${build.sourceName}`;
    check(
      'builder',
      build.sourceType,
      build.source.typeRange,
      build.source.range,
      plugins.builder(build.sourceType),
      (schema) => pluginConfig(build.source.body, schema, build.context, 'placeholder', withAdditions(build)),
    );
    const runtime = withBuild(build.context, build.buildBlockName);
    const provisioners = [
      ...build.provisioners,
      ...(build.errorCleanupProvisioner ? [build.errorCleanupProvisioner] : []),
    ];
    for (const p of provisioners) {
      check('provisioner', p.type, p.typeRange, p.range, plugins.provisioner(p.type), (schema) =>
        stepConfig(p, schema, runtime, sourceRef, 'placeholder'),
      );
    }
    for (const p of build.postProcessors.flat()) {
      check('post-processor', p.type, p.typeRange, p.range, plugins.postProcessor(p.type), (schema) =>
        stepConfig(p, schema, runtime, sourceRef, 'placeholder'),
      );
    }
  }
  for (const data of template.datasources) {
    const plugin = plugins.datasource(data.type);
    check('datasource', data.type, data.typeRange, data.range, plugin, (schema) =>
      pluginConfig(data.body, schema, template.context, 'placeholder'),
    );
  }
  return dedupe(out);
}

/** A source used by several builds would otherwise report the same problem once per build. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.severity, d.summary, d.detail, d.subject]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
