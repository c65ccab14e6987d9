import type { Diagnostic, SourceRange } from '../errors/diagnostic.ts';
import { type EvalContext, withVariables } from '../evaluate/context.ts';
import { type VariableInput, evaluateVariables } from '../evaluate/variables.ts';
import type { DecodePhase } from '../model/decode-template.ts';
import type {
  BuildDecl,
  CommonSettings,
  PackerSettings,
  PostProcessorDecl,
  ProvisionerDecl,
  SourceDecl,
  Template,
  VariableDecl,
} from '../model/template.ts';
import { PACKER_COMPATIBLE_VERSION, satisfiesVersion } from '../model/version.ts';
import type { Expression } from '../parse/ast.ts';
import type { JsonNode, JsonObjectNode } from '../parse/json/json-node.ts';
import { parseJson } from '../parse/json/json-parser.ts';
import { durationProblem } from '../plan/duration.ts';
import { STRING } from '../values/types.ts';
import { DYNAMIC_VAL, EMPTY_OBJECT_VAL, type Value, objectVal } from '../values/value.ts';
import type { LegacySection, TranslateOptions } from './go-template.ts';
import {
  legacyBody,
  legacyExpression,
  property,
  stringList,
  stringProperty,
  weakStringList,
  weakStringProperty,
  wrongType,
} from './legacy-json.ts';

const ROOT_KEYS = new Set([
  'min_packer_version',
  'description',
  'variables',
  'sensitive-variables',
  'builders',
  'provisioners',
  'post-processors',
  'error-cleanup-provisioner',
  'comments',
  'push',
]);
const BUILDER_COMMON = new Set(['type', 'name']);
// Packer's legacy Provisioner has no name: a "name" is a setting of the provisioner's own.
const PROVISIONER_COMMON = new Set([
  'type',
  'only',
  'except',
  'override',
  'pause_before',
  'timeout',
  'max_retries',
]);
const POST_PROCESSOR_COMMON = new Set(['type', 'name', 'only', 'except', 'keep_input_artifact']);

interface Builders {
  /** Builder name → `type.name`, the source reference the engine uses. */
  refs: Map<string, string>;
}

class LegacyDecoder {
  readonly diagnostics: Diagnostic[] = [];
  private readonly builders: Builders = { refs: new Map() };
  private options: TranslateOptions = { section: 'builder', variables: new Set() };

  /** `full` also checks what Packer validates only after parsing: builders present, min_packer_version. */
  constructor(
    private readonly root: JsonObjectNode,
    private readonly full: boolean,
  ) {}

  /** Problems in `{{ }}` actions: Packer finds them only when it interpolates, after parsing. */
  private get translation(): Diagnostic[] {
    return this.full ? this.diagnostics : this.uninterpolated;
  }

  private readonly uninterpolated: Diagnostic[] = [];

  /** How the strings of a section are translated (which data their templates read). */
  private in(section: LegacySection): TranslateOptions {
    return { ...this.options, section };
  }

  private error(summary: string, detail: string, subject: SourceRange): void {
    this.diagnostics.push({ severity: 'error', summary, detail, subject });
  }

  rootKeys(): void {
    for (const p of this.root.properties) {
      if (ROOT_KEYS.has(p.name) || p.name.startsWith('_') || p.name === '//') continue;
      this.error(
        'Unknown root level key',
        `"${p.name}" is not a key of a legacy JSON template; known keys: ${[...ROOT_KEYS].join(', ')} (keys starting with "_" are comments).`,
        p.nameRange,
      );
    }
  }

  variables(): VariableDecl[] {
    const decls: VariableDecl[] = [];
    const node = property(this.root, 'variables')?.value;
    const sensitive = new Set<string>();
    const sensitiveNode = property(this.root, 'sensitive-variables')?.value;
    if (sensitiveNode) {
      for (const s of stringList(sensitiveNode, '"sensitive-variables"', this.diagnostics))
        sensitive.add(s.value);
    }
    if (!node) return decls;
    if (node.kind !== 'object') {
      wrongType(node, '"variables"', 'an object of variable names to default values', this.diagnostics);
      return decls;
    }
    this.options = { section: 'variables', variables: new Set(node.properties.map((p) => p.name)) };
    const seen = new Set<string>();
    for (const p of node.properties) {
      if (seen.has(p.name)) {
        this.error('Duplicate variable', `The variable "${p.name}" is declared twice.`, p.nameRange);
        continue;
      }
      seen.add(p.name);
      const decl: VariableDecl = {
        name: p.name,
        type: STRING,
        sensitive: sensitive.has(p.name),
        validations: [],
        range: p.nameRange,
      };
      const value = p.value;
      // Packer decodes defaults into strings and refuses numbers and booleans as it refuses objects.
      if (value.kind === 'string') decl.default = legacyExpression(value, this.options, this.translation);
      else if (value.kind !== 'null') {
        wrongType(
          value,
          `variable "${p.name}"`,
          'a string (or null for a required variable)',
          this.diagnostics,
        );
        continue;
      }
      decls.push(decl);
    }
    for (const s of sensitive) {
      if (!seen.has(s) && sensitiveNode)
        this.diagnostics.push({
          severity: 'warning',
          summary: 'Undeclared sensitive variable',
          detail: `"sensitive-variables" names "${s}", which is not declared in "variables".`,
          subject: sensitiveNode.range,
        });
    }
    this.options = { section: 'builder', variables: seen };
    return decls;
  }

  sources(): SourceDecl[] {
    const out: SourceDecl[] = [];
    const node = property(this.root, 'builders')?.value;
    if (!node) {
      if (this.full)
        this.error(
          'No builders',
          'A legacy JSON template needs at least one entry in "builders".',
          this.root.range,
        );
      return out;
    }
    if (node.kind !== 'array') {
      wrongType(node, '"builders"', 'an array of builder objects', this.diagnostics);
      return out;
    }
    if (node.items.length === 0 && this.full)
      this.error('No builders', 'A legacy JSON template needs at least one entry in "builders".', node.range);
    node.items.forEach((item, i) => {
      const where = `builder ${i + 1}`;
      if (item.kind !== 'object') {
        wrongType(item, where, 'an object', this.diagnostics);
        return;
      }
      // Packer decodes a builder's name and type weakly (mapstructure.WeakDecode).
      const type = weakStringProperty(item, 'type', where, this.diagnostics);
      if (!type || type.value === '') {
        if (!isComposite(item, 'type'))
          this.error('Missing builder type', `${where} has no "type".`, item.range);
        return;
      }
      const named = weakStringProperty(item, 'name', where, this.diagnostics);
      const name = named && named.value !== '' ? named : type;
      if (this.builders.refs.has(name.value)) {
        this.error(
          'Duplicate builder name',
          `${where}: a builder named "${name.value}" already exists; give it a "name".`,
          name.range,
        );
        return;
      }
      this.builders.refs.set(name.value, `${type.value}.${name.value}`);
      out.push({
        type: type.value,
        name: name.value,
        body: legacyBody(item, BUILDER_COMMON, this.in('builder'), this.translation),
        range: item.range,
        typeRange: type.range,
      });
    });
    return out;
  }

  /**
   * `only`/`except` lists of builder names, as written. Packer decodes a provisioner's weakly
   * (`"except": "file"` is `["file"]`) and a post-processor's strictly.
   */
  private builderNames(object: JsonObjectNode, key: 'only' | 'except', where: string, weak: boolean) {
    const node = property(object, key)?.value;
    if (!node) return [];
    return (weak ? weakStringList : stringList)(node, `"${key}" of ${where}`, this.diagnostics);
  }

  /** Builder names as `type.name` source references; an unknown one is reported. */
  private builderRefs(names: { value: string; range: SourceRange }[], key: string, where: string): string[] {
    const out: string[] = [];
    for (const entry of names) {
      const ref = this.builders.refs.get(entry.value);
      if (ref) out.push(ref);
      else
        this.error(
          'Unknown builder',
          `"${key}" of ${where} names the builder "${entry.value}", which is not defined; builders: ${[...this.builders.refs.keys()].join(', ') || 'none'}.`,
          entry.range,
        );
    }
    return out;
  }

  private common(object: JsonObjectNode, where: string, weak: boolean): CommonSettings {
    const only = this.builderNames(object, 'only', where, weak);
    const except = this.builderNames(object, 'except', where, weak);
    const settings: CommonSettings = { only: [], except: [] };
    // A post-processor has a name; a provisioner's "name" is one of its plugin's settings.
    const name = weak ? undefined : stringProperty(object, 'name', where, this.diagnostics);
    if (name) settings.name = name.value;
    // Packer's OnlyExcept.Validate: both non-empty is an error, and then the names are not checked.
    if (only.length > 0 && except.length > 0) {
      this.error(
        'Conflicting only and except',
        `${where} may have "only" or "except", not both.`,
        object.range,
      );
      return settings;
    }
    settings.only = this.builderRefs(only, 'only', where);
    settings.except = this.builderRefs(except, 'except', where);
    return settings;
  }

  private override(object: JsonObjectNode, where: string): Expression | undefined {
    const given = property(object, 'override')?.value;
    if (!given) return undefined;
    // Weak decoding reads a list of objects as one object, merged (an empty list is an empty one).
    const node =
      given.kind === 'array' && given.items.every((i) => i.kind === 'object')
        ? {
            ...given,
            kind: 'object' as const,
            properties: given.items.flatMap((i) => (i.kind === 'object' ? i.properties : [])),
          }
        : given;
    if (node.kind !== 'object') {
      wrongType(node, `"override" of ${where}`, 'an object keyed by builder name', this.diagnostics);
      return undefined;
    }
    const items = [];
    for (const p of node.properties) {
      const ref = this.builders.refs.get(p.name);
      if (!ref) {
        this.error(
          'Unknown builder',
          `"override" of ${where} names the builder "${p.name}", which is not defined.`,
          p.nameRange,
        );
        continue;
      }
      if (p.value.kind !== 'object') {
        wrongType(p.value, `override "${p.name}" of ${where}`, 'an object of settings', this.diagnostics);
        continue;
      }
      items.push({
        key: { kind: 'literal' as const, value: ref, range: p.nameRange },
        value: legacyExpression(p.value, this.in('provisioner'), this.translation),
      });
    }
    return { kind: 'object', items, range: node.range };
  }

  provisioner(node: JsonNode, where: string): ProvisionerDecl | undefined {
    if (node.kind !== 'object') {
      wrongType(node, where, 'an object', this.diagnostics);
      return undefined;
    }
    // Packer decodes a provisioner weakly: scalars convert to the strings it expects.
    const type = weakStringProperty(node, 'type', where, this.diagnostics);
    if (!type || type.value === '') {
      if (!isComposite(node, 'type'))
        this.error('Missing provisioner type', `${where} has no "type".`, node.range);
      return undefined;
    }
    const decl: ProvisionerDecl = {
      type: type.value,
      typeRange: type.range,
      body: legacyBody(node, PROVISIONER_COMMON, this.in('provisioner'), this.translation),
      range: node.range,
      ...this.common(node, where, true),
      maxRetries: 0,
    };
    const pause = this.duration(node, 'pause_before', where);
    if (pause) decl.pauseBefore = pause;
    const timeout = this.duration(node, 'timeout', where);
    if (timeout) decl.timeout = timeout;
    const retriesNode = property(node, 'max_retries')?.value;
    const retries = weakStringProperty(node, 'max_retries', where, this.diagnostics);
    if (retriesNode && retries && retries.value !== '') {
      // strconv.Atoi: an optional sign and decimal digits.
      const n = /^[+-]?\d+$/.test(retries.value) ? Number(retries.value) : Number.NaN;
      if (Number.isSafeInteger(n) && n >= 0) decl.maxRetries = n;
      else wrongType(retriesNode, `"max_retries" of ${where}`, 'a whole number', this.diagnostics);
    }
    const override = this.override(node, where);
    if (override) decl.override = override;
    return decl;
  }

  /**
   * A provisioner's `pause_before`/`timeout` (a time.Duration): a string is parsed later, a
   * number (or boolean) is a count of nanoseconds, as weak decoding reads it.
   */
  private duration(node: JsonObjectNode, key: string, where: string): string | undefined {
    const value = property(node, key)?.value;
    if (value?.kind === 'number') return `${Math.trunc(Number(value.text))}ns`;
    if (value?.kind === 'bool') return value.value ? '1ns' : undefined;
    const text = weakStringProperty(node, key, where, this.diagnostics);
    // Packer parses the string as it decodes the template (StringToTimeDurationHookFunc),
    // before any interpolation.
    const problem = text ? durationProblem(text.value) : undefined;
    if (text && problem) {
      this.error('Invalid duration', `"${key}" of ${where}: ${problem}.`, text.range);
      return undefined;
    }
    return text?.value;
  }

  provisioners(): ProvisionerDecl[] {
    const node = property(this.root, 'provisioners')?.value;
    if (!node) return [];
    if (node.kind !== 'array') {
      wrongType(node, '"provisioners"', 'an array of provisioner objects', this.diagnostics);
      return [];
    }
    return node.items.flatMap((item, i) => this.provisioner(item, `provisioner ${i + 1}`) ?? []);
  }

  private postProcessor(node: JsonNode, where: string): PostProcessorDecl | undefined {
    if (node.kind === 'string') {
      return {
        type: node.value,
        typeRange: node.range,
        body: { attributes: [], blocks: [], range: node.range },
        range: node.range,
        only: [],
        except: [],
      };
    }
    if (node.kind !== 'object') {
      wrongType(node, where, 'a type name or an object', this.diagnostics);
      return undefined;
    }
    const type = stringProperty(node, 'type', where, this.diagnostics);
    if (!type || type.value === '') {
      if (!property(node, 'type') || type?.value === '')
        this.error('Missing post-processor type', `${where} has no "type".`, node.range);
      return undefined;
    }
    const decl: PostProcessorDecl = {
      type: type.value,
      typeRange: type.range,
      body: legacyBody(node, POST_PROCESSOR_COMMON, this.in('post-processor'), this.translation),
      range: node.range,
      ...this.common(node, where, false),
    };
    const keep = property(node, 'keep_input_artifact')?.value;
    if (keep?.kind === 'bool') decl.keepInputArtifact = keep.value;
    else if (keep) wrongType(keep, `"keep_input_artifact" of ${where}`, 'a boolean', this.diagnostics);
    return decl;
  }

  postProcessors(): PostProcessorDecl[][] {
    const node = property(this.root, 'post-processors')?.value;
    if (!node) return [];
    if (node.kind !== 'array') {
      wrongType(node, '"post-processors"', 'an array', this.diagnostics);
      return [];
    }
    const chains: PostProcessorDecl[][] = [];
    node.items.forEach((item, i) => {
      if (item.kind !== 'array') {
        const one = this.postProcessor(item, `post-processor ${i + 1}`);
        if (one) chains.push([one]);
        return;
      }
      const chain: PostProcessorDecl[] = [];
      item.items.forEach((inner, j) => {
        const where = `post-processor ${i + 1}.${j + 1}`;
        if (inner.kind === 'array') {
          this.error(
            'Nested post-processor sequence',
            `${where}: a sequence cannot be nested in a sequence.`,
            inner.range,
          );
          return;
        }
        const decl = this.postProcessor(inner, where);
        if (decl) chain.push(decl);
      });
      if (chain.length > 0) chains.push(chain);
    });
    return chains;
  }

  errorCleanupProvisioner(): ProvisionerDecl | undefined {
    const node = property(this.root, 'error-cleanup-provisioner')?.value;
    return node ? this.provisioner(node, 'the error-cleanup-provisioner') : undefined;
  }

  packerSettings(): PackerSettings[] {
    const min = stringProperty(this.root, 'min_packer_version', 'the template', this.diagnostics);
    if (!min) return [];
    const requiredVersion = `>= ${min.value.replace(/^v/, '')}`;
    if (!this.full) return [{ requiredVersion, requiredPlugins: [], range: min.range }];
    const ok = satisfiesVersion(PACKER_COMPATIBLE_VERSION, requiredVersion);
    if (typeof ok === 'object')
      this.error('Invalid min_packer_version', `"${min.value}" is not a version: ${ok.error}.`, min.range);
    else if (!ok)
      this.error(
        'Unsupported Packer version',
        `This template requires Packer version ${min.value} or newer; Kiln behaves as Packer ${PACKER_COMPATIBLE_VERSION}.`,
        min.range,
      );
    return [{ requiredVersion, requiredPlugins: [], range: min.range }];
  }

  description(): string | undefined {
    return stringProperty(this.root, 'description', 'the template', this.diagnostics)?.value;
  }
}

/** Whether a property holds an array or object: weak decoding reported it already. */
function isComposite(object: JsonObjectNode, name: string): boolean {
  const kind = property(object, name)?.value.kind;
  return kind === 'array' || kind === 'object';
}

/**
 * Evaluates the user variables; a default may use other variables (`{{user `a`}}-x`), so the
 * defaults are evaluated again with the values known so far until nothing more becomes known.
 */
function legacyVariableValues(
  variables: VariableDecl[],
  inputs: VariableInput[],
  defaults: EvalContext,
  diagnostics: Diagnostic[],
): Map<string, Value> {
  let known = new Map<string, Value>(variables.map((v) => [v.name, DYNAMIC_VAL]));
  let found: Diagnostic[] = [];
  let values = new Map<string, Value>();
  let knownCount = -1;
  for (let pass = 0; pass <= variables.length; pass++) {
    found = [];
    const ctx = withVariables(defaults, { var: objectVal(known) });
    values = evaluateVariables(variables, inputs, ctx, found);
    const count = [...values.values()].filter((v) => v.isWhollyKnown).length;
    if (count === values.size || count === knownCount) break;
    knownCount = count;
    known = new Map(variables.map((v) => [v.name, values.get(v.name) ?? DYNAMIC_VAL]));
  }
  diagnostics.push(...found);
  return values;
}

export interface LegacyContexts {
  /** `path`, `packer` and the functions (the legacy ones included). */
  base: EvalContext;
  /** The same, plus `env()`, for variable defaults. */
  defaults: EvalContext;
}

/**
 * Decodes a legacy JSON template (Packer's pre-HCL2 format) into the same Template the HCL2
 * decoder produces: builders become sources of one build whose builds are named after the
 * builders, `{{ }}` interpolations become expressions. Every problem is reported.
 */
export function decodeLegacyTemplate(
  filename: string,
  content: string,
  contexts: LegacyContexts,
  inputs: VariableInput[],
  diagnostics: Diagnostic[],
  phase: DecodePhase = 'full',
): Template | undefined {
  const parsed = parseJson(content, filename);
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.node) return undefined;
  if (parsed.node.kind !== 'object') {
    wrongType(parsed.node, 'The root of a legacy JSON template', 'an object', diagnostics);
    return undefined;
  }
  const root = parsed.node;
  const decoder = new LegacyDecoder(root, phase === 'full');
  decoder.rootKeys();
  const variables = decoder.variables();
  const sources = decoder.sources();
  const provisioners = decoder.provisioners();
  const errorCleanup = decoder.errorCleanupProvisioner();
  const postProcessors = decoder.postProcessors();
  const packer = decoder.packerSettings();
  const description = decoder.description();
  diagnostics.push(...decoder.diagnostics);
  const build: BuildDecl = {
    sources: sources.map((s) => ({ type: s.type, name: s.name, range: s.range })),
    provisioners,
    postProcessors,
    range: root.range,
    namedBySource: true,
    ...(description === undefined ? {} : { description }),
    ...(errorCleanup ? { errorCleanupProvisioner: errorCleanup } : {}),
  };
  // Packer evaluates user variables of a legacy template only when it initializes the build.
  const variableValues =
    phase === 'full'
      ? legacyVariableValues(variables, inputs, contexts.defaults, diagnostics)
      : new Map(variables.map((v) => [v.name, DYNAMIC_VAL]));
  const context = withVariables(contexts.base, {
    var: objectVal(variableValues),
    local: EMPTY_OBJECT_VAL,
    data: EMPTY_OBJECT_VAL,
  });
  return {
    files: [{ filename, body: { attributes: [], blocks: [], range: root.range } }],
    packer,
    variables,
    locals: [],
    datasources: [],
    sources,
    builds: sources.length > 0 ? [build] : [],
    context,
    variableValues,
    localValues: new Map(),
  };
}

/** Whether a file is a legacy JSON template: `.json` but not HCL's `.pkr.json`. */
export function isLegacyTemplateFile(filename: string): boolean {
  return filename.endsWith('.json') && !filename.endsWith('.pkr.json');
}
