import type { Diagnostic } from '../errors/diagnostic.ts';
import { withVariables } from '../evaluate/context.ts';
import type { CommonSettings, Template } from '../model/template.ts';
import { objectVal, stringVal } from '../values/value.ts';
import type { BuildPlan } from './build-plan.ts';
import { matchesAnyGlob } from './glob.ts';

export interface PlanOptions {
  /** `-only`: globs on build names; when given, only matching builds run. */
  only?: string[];
  /** `-except`: globs on build names; matching builds do not run. */
  except?: string[];
  /**
   * Plan for a run. Packer accepts two builds of one name and runs both; Kiln addresses a run's
   * durable steps by build name, so a run refuses them (an error), while validation only warns.
   */
  forRun?: boolean;
}

/** Whether a provisioner or post-processor applies to the source `type.name` (its own only/except). */
export function appliesTo(settings: CommonSettings, sourceRef: string): boolean {
  if (settings.only.length > 0 && !settings.only.includes(sourceRef)) return false;
  return !settings.except.includes(sourceRef);
}

/** The list of builds a template defines, in template order, after `-only`/`-except`. */
export function planBuilds(
  template: Template,
  options: PlanOptions = {},
): { builds: BuildPlan[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const builds: BuildPlan[] = [];
  const sources = new Map(template.sources.map((s) => [`${s.type}.${s.name}`, s]));
  const names = new Set<string>();
  for (const build of template.builds) {
    const blockName = build.name ?? '';
    for (const ref of build.sources) {
      const key = `${ref.type}.${ref.name}`;
      const source = sources.get(key);
      if (!source) {
        const known = [...sources.keys()];
        diagnostics.push({
          severity: 'error',
          summary: 'Unknown source',
          detail: `The build refers to source.${key}, which is not declared. ${known.length > 0 ? `Declared sources: ${known.map((k) => `source.${k}`).join(', ')}.` : 'No source is declared.'}`,
          subject: ref.range,
        });
        continue;
      }
      const sourceName = ref.localName ?? ref.name;
      const name = build.namedBySource
        ? sourceName
        : blockName
          ? `${blockName}.${ref.type}.${sourceName}`
          : `${ref.type}.${sourceName}`;
      if (names.has(name)) {
        diagnostics.push({
          severity: options.forRun ? 'error' : 'warning',
          summary: 'Duplicate build name',
          detail: `Two builds are named "${name}". Packer runs both, but Kiln cannot run them side by side: give the build blocks different names, or rename the source with name = "...".`,
          subject: ref.range,
        });
        if (options.forRun) continue;
      }
      names.add(name);
      if (options.only && options.only.length > 0 && !matchesAnyGlob(name, options.only)) continue;
      if (options.except && matchesAnyGlob(name, options.except)) continue;
      const sourceRef = `${ref.type}.${sourceName}`;
      const registry = build.registry ?? template.registry;
      builds.push({
        name,
        buildBlockName: blockName,
        sourceType: ref.type,
        sourceName,
        ...(build.description === undefined ? {} : { description: build.description }),
        registry: {
          bucketName: registry?.bucketName ?? blockName,
          ...(registry?.description === undefined ? {} : { description: registry.description }),
          bucketLabels: registry?.bucketLabels ?? {},
          buildLabels: registry?.buildLabels ?? {},
          declared: registry !== undefined,
        },
        source,
        ...(ref.additions ? { additions: ref.additions } : {}),
        provisioners: build.provisioners.filter((p) => appliesTo(p, sourceRef)),
        ...(build.errorCleanupProvisioner && appliesTo(build.errorCleanupProvisioner, sourceRef)
          ? { errorCleanupProvisioner: build.errorCleanupProvisioner }
          : {}),
        postProcessors: build.postProcessors
          .map((chain) => chain.filter((p) => appliesTo(p, sourceRef)))
          .filter((c) => c.length > 0),
        context: {
          ...withVariables(template.context, {
            source: objectVal({ name: stringVal(sourceName), type: stringVal(ref.type) }),
          }),
          packerBuild: { name: ref.name, type: ref.type },
        },
        range: ref.range,
      });
      if (registry && !registry.bucketName && !blockName) {
        diagnostics.push({
          severity: 'error',
          summary: 'Missing bucket name',
          detail:
            'The hcp_packer_registry block has no bucket_name and its build block has no name to default to; set one of them.',
          subject: registry.range,
        });
      }
    }
  }
  return { builds, diagnostics };
}
