/**
 * `legacy::go_template(text, data, bindings)`: a string of a legacy JSON template rendered by Go's
 * text/template, as Packer renders it, when it uses more than calls of Packer's functions
 * (`{{if}}`, `{{range}}`, `$x`, `printf`, `{{.ID}}`). The values the template reads from the
 * engine come as `bindings` (see go-template-bindings.ts), so that an unknown value (while a
 * template is validated) makes the result unknown only when the template reads it, and a sensitive
 * value read makes the result sensitive.
 */
import { arg, defineFunction, param } from '../functions/define.ts';
import { FunctionCallError, type KilnFunction } from '../functions/function.ts';
import { formatGoLayout, formatRfc3339, formatStrftime } from '../functions/datetime.ts';
import { convert } from '../values/convert.ts';
import { ValueError } from '../values/errors.ts';
import { DYNAMIC, STRING } from '../values/types.ts';
import { type Value, numberVal, stringVal, unknownVal } from '../values/value.ts';
import { LEGACY_SIGNATURES, SECRET_READERS } from './go-template-calls.ts';
import {
  LEGACY_TEMPLATE_DATA,
  type LegacyTemplateData,
  keepFieldActions,
  templateData,
} from './go-template-data.ts';
import {
  type GoFunction,
  GoCallFailure,
  GoTemplateExecError,
  executeGoTemplate,
} from '../go-template/exec.ts';
import { GoTemplateParseError, parseErrorText, parseGoTemplate } from '../go-template/parse.ts';
import { type GoValue, goString } from '../go-template/value.ts';
import { LEGACY_FUNCTION_NAMES } from './legacy-function-names.ts';

export const GO_TEMPLATE_FUNCTION = 'legacy::go_template';

/** The key of a call of a Packer function with these arguments in `bindings.calls`. */
export function callKey(name: string, args: readonly string[]): string {
  return `${name}${JSON.stringify(args)}`;
}

/** Thrown when the template reads a value not known yet: the whole string is then unknown. */
class UnknownRead extends Error {}

/** The values a running template reads, and the marks (sensitive) of those it has read. */
class Bindings {
  readonly marks = new Set<string>();
  private readonly calls: ReadonlyMap<string, Value>;
  private readonly refused: ReadonlyMap<string, Value>;

  constructor(private readonly bindings: Value) {
    this.calls = this.members(this.attribute(bindings, 'calls'));
    this.refused = this.members(this.attribute(bindings, 'refused'));
  }

  /** An object's attribute; the object's own marks count as read. Absent when null or missing. */
  private attribute(object: Value, name: string): Value | undefined {
    for (const m of object.marks) this.marks.add(m);
    if (!object.isKnown) throw new UnknownRead();
    if (object.isNull) return undefined;
    return object.unmark().asMap().get(name);
  }

  private members(object: Value | undefined): ReadonlyMap<string, Value> {
    if (object === undefined) return new Map();
    for (const m of object.marks) this.marks.add(m);
    if (!object.isKnown) throw new UnknownRead();
    return object.isNull ? new Map() : object.unmark().asMap();
  }

  /** The string a value gives a Go function: null is the empty string. */
  text(value: Value): string {
    const { value: plain, marks } = value.unmarkDeep();
    for (const m of marks) this.marks.add(m);
    if (!plain.isWhollyKnown) throw new UnknownRead();
    if (plain.isNull) return '';
    try {
      return convert(plain, STRING).asString();
    } catch (error) {
      if (error instanceof ValueError) throw new GoCallFailure(error.message);
      throw error;
    }
  }

  /** A call bound when the template was decoded (its arguments literal), if any. */
  call(name: string, args: readonly string[]): string | undefined {
    const key = callKey(name, args);
    const refusal = this.refused.get(key);
    if (refusal) throw new GoCallFailure(this.text(refusal));
    const value = this.calls.get(key);
    return value === undefined ? undefined : this.text(value);
  }

  /** An attribute of a root object bound whole (`var`, `build`), for calls with computed arguments. */
  root(root: string, attribute: string): Value | undefined {
    const object = this.attribute(this.bindings, root);
    return object === undefined ? undefined : this.attribute(object, attribute);
  }
}

/** What `{{user $name}}` or `{{env $name}}` do when the name is computed while the template runs. */
function computedCall(name: string, args: readonly string[], bindings: Bindings): string {
  const [first = ''] = args;
  if (name === 'user') {
    const value = bindings.root('var', first);
    return value === undefined ? '' : bindings.text(value);
  }
  if (name === 'build') {
    const value = bindings.root('build', first);
    if (value === undefined) throw new GoCallFailure(`loaded data, but couldnt find ${first} in it.`);
    return bindings.text(value);
  }
  if (name === 'env' || SECRET_READERS.has(name))
    throw new GoCallFailure(`${name} takes a literal name in Kiln, such as ${name} \`NAME\``);
  throw new GoCallFailure(`${name} not available`);
}

interface PureFunctions {
  startTime: Date;
  /** The legacy-only engine functions (`legacy::split`, ...), by name. */
  legacy: ReadonlyMap<string, KilnFunction>;
}

/** Packer's functions that compute from their arguments alone (and the build's start time). */
function pureCall(name: string, args: readonly GoValue[], pure: PureFunctions): GoValue | undefined {
  const text = (i: number) => {
    const a = args[i];
    return a?.kind === 'string' ? a.value : '';
  };
  const start = { epochMs: pure.startTime.getTime(), nanos: 0, offsetMinutes: undefined };
  switch (name) {
    case 'upper':
      return goString(text(0).toUpperCase());
    case 'lower':
      return goString(text(0).toLowerCase());
    case 'uuid':
      return goString(crypto.randomUUID());
    case 'isotime':
      if (args.length > 1)
        throw new GoCallFailure(`too many values, 1 needed: [${args.map((_, i) => text(i)).join(' ')}]`);
      return goString(args.length === 0 ? formatRfc3339(start) : formatGoLayout(text(0), start));
    case 'strftime':
      return goString(formatStrftime(text(0), start));
    case 'sed':
      throw new GoCallFailure(
        'template function `sed` is deprecated use `replace` or `replace_all` instead.',
      );
  }
  const engineName = (LEGACY_FUNCTION_NAMES as Record<string, string>)[name];
  const fn = engineName ? pure.legacy.get(engineName) : undefined;
  if (!fn) return undefined;
  const values = args.map((a) =>
    a.kind === 'int' ? numberVal(a.value) : stringVal(a.kind === 'string' ? a.value : ''),
  );
  try {
    const result = fn.impl(values, fn.returnType(values));
    return goString(result.asString());
  } catch (error) {
    if (error instanceof ValueError) throw new GoCallFailure(error.message);
    throw error;
  }
}

function goFunctions(bindings: Bindings, pure: PureFunctions): Record<string, GoFunction> {
  const functions: Record<string, GoFunction> = {};
  for (const [name, signature] of Object.entries(LEGACY_SIGNATURES)) {
    functions[name] = {
      ...signature,
      call: (args) => {
        const computed = pureCall(name, args, pure);
        if (computed) return computed;
        const texts = args.map((a) =>
          a.kind === 'string' ? a.value : a.kind === 'int' ? a.value.toString() : '',
        );
        return goString(bindings.call(name, texts) ?? computedCall(name, texts, bindings));
      },
    };
  }
  return functions;
}

/** Runs the template; Go's errors become the function's, worded as Packer words them. */
function render(text: string, data: LegacyTemplateData, bindings: Bindings, pure: PureFunctions): string {
  const kept = data === 'variables' ? keepFieldActions(text) : undefined;
  const source = kept ? kept.text : text;
  const fail = (message: string): never => {
    // A message about a value read from a sensitive variable must not show it.
    const shown =
      bindings.marks.size > 0 ? 'the template failed on a value it read (hidden: sensitive)' : message;
    throw new FunctionCallError(
      GO_TEMPLATE_FUNCTION,
      'Error in function call',
      `In ${JSON.stringify(text)}: ${shown}.`,
    );
  };
  try {
    const template = parseGoTemplate(source, (name) => name in LEGACY_SIGNATURES);
    const rendered = executeGoTemplate(template, goFunctions(bindings, pure), templateData(data));
    return kept ? kept.restore(rendered) : rendered;
  } catch (error) {
    if (error instanceof GoTemplateParseError) return fail(parseErrorText(error));
    if (error instanceof GoTemplateExecError) return fail(error.text(source));
    throw error;
  }
}

/**
 * The function behind translated legacy strings. `legacy` are the other legacy-only functions,
 * `startTime` the build's start (`{{timestamp}}`, `{{isotime}}`).
 */
export function goTemplateFunction(startTime: Date, legacy: ReadonlyMap<string, KilnFunction>): KilnFunction {
  const fn = defineFunction(GO_TEMPLATE_FUNCTION, {
    description: 'A legacy template string rendered with Go text/template, as Packer renders it.',
    params: [
      param('text', STRING),
      param('data', STRING),
      param('bindings', DYNAMIC, { allowUnknown: true, allowMarked: true, allowNull: true }),
    ],
    returns: STRING,
    impl: (args) => {
      const data = arg(args, 1).asString() as LegacyTemplateData;
      if (!LEGACY_TEMPLATE_DATA.includes(data))
        throw new ValueError(`data must be one of ${LEGACY_TEMPLATE_DATA.join(', ')}, not "${data}"`);
      const bindings = new Bindings(arg(args, 2));
      try {
        const out = stringVal(render(arg(args, 0).asString(), data, bindings, { startTime, legacy }));
        return bindings.marks.size > 0 ? out.withMarks(bindings.marks) : out;
      } catch (error) {
        if (!(error instanceof UnknownRead)) throw error;
        return unknownVal(STRING).withMarks(bindings.marks);
      }
    },
  });
  return fn;
}
