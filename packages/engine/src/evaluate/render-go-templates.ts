import type { KilnFunction } from '../functions/function.ts';
import {
  type GoFunction,
  GoCallFailure,
  GoTemplateExecError,
  executeGoTemplate,
} from '../go-template/exec.ts';
import {
  type EngineBinding,
  PACKER_TEMPLATE_FUNCTIONS,
  SHARED_BINDINGS,
} from '../legacy/go-template-packer.ts';
import {
  type GoTemplate,
  GoTemplateParseError,
  parseErrorText,
  parseGoTemplate,
} from '../go-template/parse.ts';
import { type GoValue, INVALID, goString } from '../go-template/value.ts';
import { legacyFunctions } from '../legacy/legacy-functions.ts';
import type { JsonValue } from '../spi/json.ts';
import { ValueError } from '../values/errors.ts';
import { type Value, numberVal, stringVal } from '../values/value.ts';
import type { EvalContext } from './context.ts';

/**
 * What each of Packer's template functions does in a plugin setting of an HCL2 template, as
 * packer-plugin-sdk's `config.Decode` runs them there: an engine function, an attribute of a root
 * variable (`source.name` is Packer's build name), or a refusal with Packer's reason.
 */
type Binding = EngineBinding | { refuse: (args: string[]) => string };

const refuse = (reason: string): Binding => ({ refuse: () => reason });
const SECRETS_REFUSED = 'AWS Secrets Manager is only allowed in the variables section';

const BINDINGS: Record<string, Binding> = {
  ...SHARED_BINDINGS,
  template_dir: refuse('template path not available'),
  user: refuse('user variables do not exist in HCL2 templates; use var.<name>'),
  env: refuse('env vars are not allowed here'),
  consul_key: refuse('consul_key is not allowed here'),
  vault: refuse('Vault vars are only allowed in the variables section'),
  aws_secretsmanager: refuse(SECRETS_REFUSED),
  aws_secretsmanager_raw: refuse(SECRETS_REFUSED),
  sed: refuse(
    'template function `sed` is deprecated use `replace` or `replace_all` instead.Documentation: https://www.packer.io/docs/templates/engine',
  ),
  // The generated values of a build never reach a plugin's template data in HCL2 mode.
  build: { refuse: ([name]) => `loaded data, but couldnt find ${name} in it.` },
};

const isFunction = (name: string) => name in PACKER_TEMPLATE_FUNCTIONS;

const legacyTables = new WeakMap<ReadonlyMap<string, KilnFunction>, Map<string, KilnFunction>>();

/**
 * The legacy-only functions (`{{timestamp}}`, `{{split}}`, ...) for this context, at the same
 * build start time as the context's `legacy_isotime`.
 */
function legacyTable(ctx: EvalContext): Map<string, KilnFunction> {
  let table = legacyTables.get(ctx.functions);
  if (!table) {
    const isotime = ctx.functions.get('legacy_isotime');
    const started = isotime ? new Date(isotime.impl([], isotime.returnType([])).asString()) : new Date();
    table = new Map(
      legacyFunctions(Number.isNaN(started.getTime()) ? new Date() : started).map((f) => [f.name, f]),
    );
    legacyTables.set(ctx.functions, table);
  }
  return table;
}

/** An argument of a Packer function as an engine value: Go's strings and ints. */
function engineValue(v: GoValue): Value {
  return v.kind === 'int' ? numberVal(v.value) : stringVal(v.kind === 'string' ? v.value : '');
}

/** A value an engine function returns, as the string a Packer function returns. */
function goResult(value: Value): GoValue {
  return goString(value.type.kind === 'number' ? value.asNumber().toString() : value.asString());
}

/** Packer's template functions as they run in a plugin setting, bound to the context. */
function packerFunctions(ctx: EvalContext): Record<string, GoFunction> {
  const functions: Record<string, GoFunction> = {};
  for (const [name, signature] of Object.entries(PACKER_TEMPLATE_FUNCTIONS)) {
    functions[name] = {
      ...signature,
      call: (args) => goResult(callBinding(ctx, name, args.map(engineValue))),
    };
  }
  return functions;
}

function callBinding(ctx: EvalContext, name: string, args: Value[]): Value {
  const binding = BINDINGS[name];
  if (!binding) throw new GoCallFailure(`${name} is not available in plugin settings`);
  if ('refuse' in binding) throw new GoCallFailure(binding.refuse(args.map((a) => a.asString())));
  if (name === 'isotime' && args.length > 1)
    throw new GoCallFailure(`too many values, 1 needed: [${args.map((a) => a.asString()).join(' ')}]`);
  if (ctx.packerBuild && (name === 'build_name' || name === 'build_type')) {
    return stringVal(name === 'build_name' ? ctx.packerBuild.name : ctx.packerBuild.type);
  }
  if ('root' in binding) {
    const root = ctx.variables.get(binding.root);
    const value = root?.isKnown && !root.isNull ? root.asMap().get(binding.attribute) : undefined;
    if (!value?.isKnown || value.isNull) throw new GoCallFailure(`${name} not available`);
    return value;
  }
  const fn = ctx.functions.get(binding.function) ?? legacyTable(ctx).get(binding.function);
  if (!fn) throw new GoCallFailure(`${name} is not available here`);
  try {
    return fn.impl(args, fn.returnType(args));
  } catch (error) {
    if (error instanceof ValueError) throw new GoCallFailure(error.message);
    throw error;
  }
}

function parsed(text: string): GoTemplate {
  try {
    return parseGoTemplate(text, isFunction);
  } catch (error) {
    if (error instanceof GoTemplateParseError)
      throw new SettingTemplateError('invalid', parseErrorText(error), text);
    throw error;
  }
}

/**
 * One string of a setting, run as packer-plugin-sdk's `interpolate.RenderOnce` runs it: the
 * template data is empty in HCL2 templates, so `{{ .Name }}` prints `<no value>`.
 */
function renderString(text: string, functions: Record<string, GoFunction>): string {
  if (!text.includes('{{')) return text;
  const template = parsed(text);
  try {
    return executeGoTemplate(template, functions, INVALID);
  } catch (error) {
    if (error instanceof GoTemplateExecError)
      throw new SettingTemplateError('render', error.text(text), text);
    throw error;
  }
}

class SettingTemplateError extends Error {
  constructor(
    readonly phase: 'invalid' | 'render',
    message: string,
    readonly template: string,
  ) {
    super(message);
  }
}

function walk(value: JsonValue, render: (text: string) => string): JsonValue {
  if (typeof value === 'string') return render(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, render));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, JsonValue> = {};
  for (const [key, item] of Object.entries(value)) out[render(key)] = walk(item, render);
  return out;
}

export interface RenderSettingOptions {
  /** The plugin renders this setting itself while it runs: only check that its templates parse. */
  byPlugin: boolean;
  /** Leave the value out of error messages. */
  sensitive: boolean;
}

/**
 * Renders the Go-template actions (`{{ upper \`x\` }}`) of every string of one setting (list
 * items, map keys and values, nested blocks) as a Packer plugin's `config.Decode` does at
 * prepare. `ctx` gives `source` (the build name and type), `path.cwd` and `packer.version`.
 * Returns the rendered value, or Packer's error text (`render 'inline': template: root:1:24: ...`).
 */
export function renderSettingTemplates(
  name: string,
  value: JsonValue,
  ctx: EvalContext,
  options: RenderSettingOptions,
): { value: JsonValue } | { error: string } {
  try {
    // Go checks that every string parses before it renders any of them.
    walk(value, (text) => {
      if (text.includes('{{')) parsed(text);
      return text;
    });
    if (options.byPlugin) return { value };
    const functions = packerFunctions(ctx);
    return { value: walk(value, (text) => renderString(text, functions)) };
  } catch (error) {
    if (!(error instanceof SettingTemplateError)) throw error;
    const shown = options.sensitive ? '' : ` in:\n\n${error.template}`;
    return { error: `${error.phase} '${name}': ${error.message}${shown}` };
  }
}
