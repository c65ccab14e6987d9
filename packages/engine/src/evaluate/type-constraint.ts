import type { Diagnostic, SourceRange } from '../errors/diagnostic.ts';
import type { Expression, FunctionCallExpr, TemplatePart } from '../parse/ast.ts';
import { parseNativeExpression } from '../parse/native/index.ts';
import { rangeBetween } from '../parse/range.ts';
import { convert } from '../values/convert.ts';
import { ValueError } from '../values/errors.ts';
import {
  BOOL,
  DYNAMIC,
  NUMBER,
  STRING,
  type Type,
  listOf,
  mapOf,
  objectOf,
  setOf,
  tupleOf,
} from '../values/types.ts';
import type { Value } from '../values/value.ts';
import { evalContext } from './context.ts';
import { evaluate } from './expression.ts';
import { references } from './references.ts';

export interface TypeConstraintOptions {
  /**
   * Accept a default value as the second argument of `optional(T, default)`, as variable types do
   * (HCL's `TypeConstraintWithDefaults`). Without it (`TypeConstraint`, used for the type argument of
   * `convert()`), `optional` takes only the type. Defaults to true.
   */
  defaults?: boolean;
}

const SUMMARY = 'Invalid type specification';
const PRIMITIVES: Readonly<Record<string, Type>> = {
  bool: BOOL,
  string: STRING,
  number: NUMBER,
  any: DYNAMIC,
};
const CONSTRUCTOR_ARGUMENT: Readonly<Record<string, string>> = {
  list: 'The list type constructor requires one argument specifying the element type.',
  set: 'The set type constructor requires one argument specifying the element type.',
  map: 'The map type constructor requires one argument specifying the element type.',
  object:
    'The object type constructor requires one argument specifying the attribute types and values as a map.',
  tuple: 'The tuple type constructor requires one argument specifying the element types as a list.',
};

/**
 * Reads a type constraint (`string`, `list(map(string))`, `any`,
 * `object({ a = optional(number, 1) })`) with the rules and messages of HCL's `ext/typeexpr`.
 * Problems are added to `diagnostics` and the type is then `any`. Defaults declared with
 * `optional(T, default)` are constant expressions converted to T; they travel in the object type
 * (see `applyTypeDefaults`).
 */
export function typeConstraint(
  expr: Expression,
  diagnostics: Diagnostic[],
  options: TypeConstraintOptions = {},
): Type {
  return readType(expr, diagnostics, options.defaults ?? true);
}

function invalid(
  diagnostics: Diagnostic[],
  detail: string,
  subject: SourceRange,
  context?: SourceRange,
): Type {
  diagnostics.push({ severity: 'error', summary: SUMMARY, detail, subject, ...(context ? { context } : {}) });
  return DYNAMIC;
}

/** The single name of a bare keyword expression (`string`, `list`), like `hcl.ExprAsKeyword`. */
function keyword(expr: Expression): string | undefined {
  if (expr.kind === 'variable') return expr.name;
  return undefined;
}

/** The range of a call's parentheses and arguments (`hcl.StaticCall.ArgsRange`). */
function argsRange(call: FunctionCallExpr): SourceRange {
  return { filename: call.range.filename, start: call.nameRange.end, end: call.range.end };
}

function readType(expr: Expression, diagnostics: Diagnostic[], withDefaults: boolean): Type {
  if (expr.kind === 'parens') return readType(expr.expr, diagnostics, withDefaults);
  const jsonText = jsonString(expr);
  if (jsonText !== undefined) return readJsonString(jsonText, expr.range, diagnostics, withDefaults);
  const name = keyword(expr);
  if (name !== undefined) {
    const primitive = PRIMITIVES[name];
    if (primitive) return primitive;
    const needsArgument = CONSTRUCTOR_ARGUMENT[name];
    if (needsArgument) return invalid(diagnostics, needsArgument, expr.range);
    return invalid(diagnostics, `The keyword "${name}" is not a valid type specification.`, expr.range);
  }
  if (expr.kind !== 'call') {
    return invalid(
      diagnostics,
      'A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).',
      expr.range,
    );
  }
  const args = argsRange(expr);
  if (expr.name === 'bool' || expr.name === 'string' || expr.name === 'number') {
    return invalid(diagnostics, `Primitive type keyword "${expr.name}" does not expect arguments.`, args);
  }
  if (expr.name === 'any') {
    return invalid(diagnostics, `Type constraint keyword "${expr.name}" does not expect arguments.`, args);
  }
  const needsArgument = CONSTRUCTOR_ARGUMENT[expr.name];
  const [first, second] = expr.args;
  if (needsArgument && (first === undefined || second !== undefined)) {
    const last = expr.args[expr.args.length - 1];
    const subject = second && last ? rangeBetween(second.range, last.range) : args;
    return invalid(diagnostics, needsArgument, subject, args);
  }
  switch (expr.name) {
    case 'list':
      return listOf(readType(first as Expression, diagnostics, withDefaults));
    case 'set':
      return setOf(readType(first as Expression, diagnostics, withDefaults));
    case 'map':
      return mapOf(readType(first as Expression, diagnostics, withDefaults));
    case 'object':
      return readObject(expr, first as Expression, diagnostics, withDefaults);
    case 'tuple': {
      const list = first as Expression;
      if (list.kind !== 'tuple') {
        return invalid(
          diagnostics,
          'Tuple type constructor requires a list of element types.',
          list.range,
          expr.range,
        );
      }
      return tupleOf(list.items.map((item) => readType(item, diagnostics, withDefaults)));
    }
    case 'optional':
      return invalid(
        diagnostics,
        `Keyword "${expr.name}" is valid only as a modifier for object type attributes.`,
        expr.nameRange,
      );
    default:
      return invalid(diagnostics, `Keyword "${expr.name}" is not a valid type constructor.`, expr.range);
  }
}

function readObject(
  call: FunctionCallExpr,
  map: Expression,
  diagnostics: Diagnostic[],
  withDefaults: boolean,
): Type {
  if (map.kind !== 'object') {
    return invalid(
      diagnostics,
      'Object type constructor requires a map whose keys are attribute names and whose values are the corresponding attribute types.',
      map.range,
      call.range,
    );
  }
  const attributes: Record<string, Type> = {};
  const optional: string[] = [];
  const defaults: Record<string, Value> = {};
  for (const item of map.items) {
    const name =
      item.key.kind === 'literal' && typeof item.key.value === 'string' ? item.key.value : undefined;
    if (name === undefined) {
      invalid(
        diagnostics,
        'Object constructor map keys must be attribute names.',
        item.key.range,
        call.range,
      );
      continue;
    }
    if (name in attributes) {
      invalid(diagnostics, 'Object constructor map keys must be unique.', item.key.range, call.range);
      continue;
    }
    const modifier = optionalModifier(item.value, diagnostics, withDefaults);
    if (!modifier) continue;
    const type = readType(modifier.type, diagnostics, withDefaults);
    attributes[name] = type;
    if (modifier.optional) optional.push(name);
    if (modifier.default) {
      const value = convertDefault(modifier.default.value, type, modifier.default.range, diagnostics);
      if (value) defaults[name] = value;
    }
  }
  return objectOf(attributes, optional, defaults);
}

interface AttributeModifier {
  /** The attribute's type expression, inside `optional(...)` when present. */
  type: Expression;
  optional: boolean;
  default?: { value: Value; range: SourceRange };
}

/** Unwraps `optional(T)` / `optional(T, default)`; undefined when the attribute must be skipped. */
function optionalModifier(
  expr: Expression,
  diagnostics: Diagnostic[],
  withDefaults: boolean,
): AttributeModifier | undefined {
  if (expr.kind !== 'call' || expr.name !== 'optional') return { type: expr, optional: false };
  const [type, defaultExpr] = expr.args;
  const args = argsRange(expr);
  if (!type) {
    invalid(
      diagnostics,
      'Optional attribute modifier requires the attribute type as its argument.',
      args,
      expr.range,
    );
    return undefined;
  }
  if (expr.args.length === 1) return { type, optional: true };
  if (!withDefaults) {
    invalid(
      diagnostics,
      'Optional attribute modifier expects only one argument: the attribute type.',
      args,
      expr.range,
    );
    return { type, optional: false };
  }
  if (expr.args.length > 2 || !defaultExpr) {
    invalid(
      diagnostics,
      'Optional attribute modifier expects at most two arguments: the attribute type, and a default value.',
      args,
      expr.range,
    );
    return { type, optional: false };
  }
  const found: Diagnostic[] = [];
  const value = constantValue(defaultExpr, found);
  diagnostics.push(...found);
  if (!value) return { type, optional: false };
  return { type, optional: true, default: { value, range: defaultExpr.range } };
}

function convertDefault(
  value: Value,
  type: Type,
  range: SourceRange,
  diagnostics: Diagnostic[],
): Value | undefined {
  try {
    return convert(value, type);
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    diagnostics.push({
      severity: 'error',
      summary: 'Invalid default value for optional attribute',
      detail: `This default value is not compatible with the attribute's type constraint: ${error.message}.`,
      subject: range,
    });
    return undefined;
  }
}

/**
 * The text of a plain string in an HCL JSON file (`"type": "list(string)"`): JSON has no keywords
 * or calls, so the string is read as the type expression. A quoted string in native syntax is not
 * a type specification.
 */
function jsonString(expr: Expression): string | undefined {
  if (expr.kind !== 'template' || !expr.range.filename.endsWith('.json')) return undefined;
  const [part, ...rest] = expr.parts;
  return part?.kind === 'literal' && rest.length === 0 ? part.text : undefined;
}

function readJsonString(
  text: string,
  range: SourceRange,
  diagnostics: Diagnostic[],
  withDefaults: boolean,
): Type {
  const parsed = parseNativeExpression(text, range.filename);
  if (parsed.diagnostics.length > 0) {
    return invalid(
      diagnostics,
      'A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).',
      range,
    );
  }
  const nested: Diagnostic[] = [];
  const type = readType(parsed.expr, nested, withDefaults);
  /** Positions inside the re-parsed string are not positions in the file: point at the string. */
  diagnostics.push(...nested.map(({ context: _context, ...d }) => ({ ...d, subject: range })));
  return type;
}

/**
 * The value of an expression evaluated without any context, as `expr.Value(nil)` in HCL: literals,
 * operators and constructors only. Variables and function calls are reported; undefined then.
 */
function constantValue(expr: Expression, diagnostics: Diagnostic[]): Value | undefined {
  const before = diagnostics.length;
  for (const ref of references(expr)) {
    diagnostics.push({
      severity: 'error',
      summary: 'Variables not allowed',
      detail: 'Variables may not be used here.',
      subject: ref.range,
    });
  }
  for (const call of calls(expr)) {
    diagnostics.push({
      severity: 'error',
      summary: 'Function calls not allowed',
      detail: 'Functions may not be called here.',
      subject: call.range,
    });
  }
  if (diagnostics.length > before) return undefined;
  const result = evaluate(expr, evalContext({}));
  diagnostics.push(...result.diagnostics);
  return result.diagnostics.length > 0 ? undefined : result.value;
}

/** The outermost function calls in an expression. */
function calls(expr: Expression): FunctionCallExpr[] {
  const out: FunctionCallExpr[] = [];
  const visit = (e: Expression): void => {
    switch (e.kind) {
      case 'call':
        out.push(e);
        return;
      case 'get-attr':
        visit(e.object);
        return;
      case 'index':
        visit(e.collection);
        visit(e.key);
        return;
      case 'splat':
        visit(e.source);
        visit(e.each);
        return;
      case 'conditional':
        visit(e.condition);
        visit(e.trueResult);
        visit(e.falseResult);
        return;
      case 'binary':
        visit(e.left);
        visit(e.right);
        return;
      case 'unary':
        visit(e.operand);
        return;
      case 'tuple':
        for (const item of e.items) visit(item);
        return;
      case 'object':
        for (const item of e.items) {
          visit(item.key);
          visit(item.value);
        }
        return;
      case 'for':
        visit(e.collection);
        if (e.keyExpr) visit(e.keyExpr);
        visit(e.valueExpr);
        if (e.condition) visit(e.condition);
        return;
      case 'parens':
      case 'bound':
        visit(e.expr);
        return;
      case 'template':
        visitParts(e.parts);
        return;
      default:
        return;
    }
  };
  const visitParts = (parts: readonly TemplatePart[]): void => {
    for (const part of parts) {
      if (part.kind === 'interpolation') visit(part.expr);
      else if (part.kind === 'if') {
        visit(part.condition);
        visitParts(part.thenParts);
        visitParts(part.elseParts);
      } else if (part.kind === 'for') {
        visit(part.collection);
        visitParts(part.body);
      }
    }
  };
  visit(expr);
  return out;
}
