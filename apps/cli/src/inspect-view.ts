import {
  type BuildDecl,
  type Diagnostic,
  type LocalDecl,
  type PluginRegistry,
  type SourceRange,
  type Template,
  type Value,
  evaluate,
  evaluateDatasources,
  hasErrors,
  objectVal,
  references,
  withVariables,
} from '@kiln/engine';

/**
 * What `packer inspect` shows of a template once Packer has initialised it, ignoring the
 * initialisation's errors: every input variable, the locals that evaluated, the builds that
 * decoded, and the secrets its output hides.
 */
export interface InspectView {
  variables: ReadonlyMap<string, Value>;
  locals: ReadonlyMap<string, Value>;
  builds: readonly BuildDecl[];
  /** Text replaced by `<sensitive>` in the output: the strings of sensitive variables and locals. */
  secrets: readonly string[];
}

/** Go's `time.ParseDuration` accepts these: `0`, or signed numbers each with a unit. */
const GO_DURATION = /^[-+]?(?:0|(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;

function contains(outer: SourceRange, inner: SourceRange): boolean {
  if (outer.filename !== inner.filename) return false;
  const starts = (a: SourceRange['start'], b: SourceRange['start']) =>
    a.line < b.line || (a.line === b.line && a.column <= b.column);
  return starts(outer.start, inner.start) && starts(inner.end, outer.end);
}

/**
 * Packer's build decoder drops a build with any error: no source, an error the engine reported
 * inside the block, or one of the checks Packer makes while decoding that Kiln leaves to
 * validation (provisioner durations, `only` together with `except`).
 */
function decodes(build: BuildDecl, diagnostics: readonly Diagnostic[]): boolean {
  if (build.sources.length === 0) return false;
  const failed = diagnostics.some(
    (d) => d.severity === 'error' && d.subject !== undefined && contains(build.range, d.subject),
  );
  if (failed) return false;
  const steps = [
    ...build.provisioners,
    ...(build.errorCleanupProvisioner ? [build.errorCleanupProvisioner] : []),
  ];
  for (const step of steps) {
    for (const text of [step.pauseBefore, step.timeout]) {
      if (text !== undefined && text !== '' && !GO_DURATION.test(text)) return false;
    }
  }
  return [...steps, ...build.postProcessors.flat()].every(
    (s) => s.only.length === 0 || s.except.length === 0,
  );
}

/** `local.name` and `data.type.name` references of an expression, as Packer's dependency graph sees them. */
function dependencies(local: LocalDecl): { locals: string[]; data: string[][] } {
  const locals: string[] = [];
  const data: string[][] = [];
  for (const ref of references(local.expr)) {
    if (ref.root === 'local' && ref.path[0] !== undefined) locals.push(ref.path[0]);
    if (ref.root === 'data') data.push(ref.path.slice(0, 2));
  }
  return { locals, data };
}

function dataValue(template: Template, type: string, name: string): Value | undefined {
  const data = template.context.variables.get('data');
  if (!data?.isKnown || data.isNull) return undefined;
  const byName = data.asMap().get(type);
  if (!byName?.isKnown || byName.isNull) return undefined;
  return byName.asMap().get(name);
}

/**
 * Packer evaluates data sources and locals as one dependency graph. A reference to something
 * undeclared, or a cycle, stops it before anything is evaluated; otherwise a local shows when
 * it evaluates without error and everything it uses did too.
 */
function evaluatedLocals(template: Template): Map<string, Value> {
  const byName = new Map<string, LocalDecl>();
  for (const local of template.locals) if (!byName.has(local.name)) byName.set(local.name, local);
  const declaredData = new Set(template.datasources.map((d) => `${d.type}.${d.name}`));
  const graph = new Map([...byName].map(([name, local]) => [name, dependencies(local)]));
  for (const { locals, data } of graph.values()) {
    if (locals.some((name) => !byName.has(name))) return new Map();
    if (data.some((path) => path.length < 2 || !declaredData.has(path.join('.')))) return new Map();
  }
  const values = new Map<string, Value>();
  const failed = new Set<string>();
  const state = new Map<string, 'visiting' | 'done'>();
  let cycle = false;
  const visit = (name: string): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      cycle = true;
      return;
    }
    state.set(name, 'visiting');
    const local = byName.get(name);
    const deps = graph.get(name);
    if (!local || !deps) return;
    for (const dep of deps.locals) visit(dep);
    const blocked =
      deps.locals.some((dep) => failed.has(dep)) ||
      deps.data.some(([type = '', dataName = '']) => !dataValue(template, type, dataName)?.isKnown);
    const result = blocked
      ? undefined
      : evaluate(local.expr, withVariables(template.context, { local: objectVal(values) }));
    if (!result || hasErrors(result.diagnostics)) failed.add(name);
    else values.set(name, result.value);
    state.set(name, 'done');
  };
  for (const name of byName.keys()) visit(name);
  return cycle ? new Map() : values;
}

/** Packer's `RegisterSecret` for each known string inside a sensitive value: itself and its lines. */
function collectSecrets(value: Value, into: Set<string>): void {
  if (!value.isKnown || value.isNull) return;
  const kind = value.type.kind;
  if (kind === 'string') {
    const text = value.asString();
    if (text === '') return;
    const normalized = text.replace(/\r\n/g, '\n');
    into.add(text);
    into.add(normalized);
    for (const line of normalized.split('\n')) if (line !== '') into.add(line);
    return;
  }
  if (kind === 'list' || kind === 'set' || kind === 'tuple') {
    for (const item of value.asArray()) collectSecrets(item, into);
  } else if (kind === 'map' || kind === 'object') {
    for (const item of value.asMap().values()) collectSecrets(item, into);
  }
}

/**
 * Initialises a decoded template as `packer inspect` does before printing it: runs the data
 * sources through `plugins`, evaluates the locals, keeps the builds that decode, and gathers the
 * secrets. `diagnostics` are those of the full decoding; like Packer, they do not stop anything.
 */
export async function inspectView(
  decoded: Template,
  diagnostics: readonly Diagnostic[],
  plugins: PluginRegistry,
): Promise<InspectView> {
  const { template } =
    decoded.datasources.length > 0 ? await evaluateDatasources(decoded, plugins) : { template: decoded };
  const plain = (value: Value) => value.unmarkDeep().value;
  const variables = new Map([...template.variableValues].map(([name, value]) => [name, plain(value)]));
  const locals = new Map([...evaluatedLocals(template)].map(([name, value]) => [name, plain(value)]));
  const secrets = new Set<string>();
  for (const decl of template.variables) {
    const value = variables.get(decl.name);
    if (decl.sensitive && value) collectSecrets(value, secrets);
  }
  for (const decl of template.locals) {
    const value = locals.get(decl.name);
    if (decl.sensitive && value) collectSecrets(value, secrets);
  }
  return {
    variables,
    locals,
    builds: template.builds.filter((build) => decodes(build, diagnostics)),
    secrets: [...secrets].sort((a, b) => b.length - a.length),
  };
}
