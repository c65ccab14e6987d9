import type { Diagnostic } from '../errors/diagnostic.ts';
import type { Expression } from '../parse/ast.ts';
import { parseNativeExpression } from '../parse/native/index.ts';
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

const PRIMITIVES: Record<string, Type> = { string: STRING, number: NUMBER, bool: BOOL, any: DYNAMIC };

/** Reads a type constraint expression (`string`, `list(map(string))`, `object({ a = optional(number) })`, ...). */
export function typeConstraint(expr: Expression, diagnostics: Diagnostic[]): Type {
  const fail = (detail: string): Type => {
    diagnostics.push({
      severity: 'error',
      summary: 'Invalid type specification',
      detail,
      subject: expr.range,
    });
    return DYNAMIC;
  };
  if (expr.kind === 'variable')
    return PRIMITIVES[expr.name] ?? fail(`The keyword "${expr.name}" is not a valid type specification.`);
  if (expr.kind === 'template' && expr.parts.length === 1 && expr.parts[0]?.kind === 'literal') {
    const text = expr.parts[0].text;
    if (text === 'list') return listOf(DYNAMIC);
    if (text === 'map') return mapOf(DYNAMIC);
    const primitive = PRIMITIVES[text];
    if (primitive) return primitive;
    const parsed = parseNativeExpression(text, expr.range.filename);
    if (parsed.diagnostics.length > 0 || parsed.expr.kind === 'template') {
      return fail(`The string "${text}" is not a valid type specification.`);
    }
    const nested: Diagnostic[] = [];
    const type = typeConstraint(parsed.expr, nested);
    /** Positions inside the re-parsed string are not positions in the file: point at the string. */
    diagnostics.push(...nested.map((d) => ({ ...d, subject: expr.range })));
    return type;
  }
  if (expr.kind === 'parens') return typeConstraint(expr.expr, diagnostics);
  if (expr.kind !== 'call')
    return fail('A type specification is a type keyword or a type constructor such as list(string).');
  const [arg, ...rest] = expr.args;
  const one = (): Type => {
    if (!arg || rest.length > 0)
      return fail(`The ${expr.name} type constructor requires exactly one argument.`);
    return typeConstraint(arg, diagnostics);
  };
  switch (expr.name) {
    case 'list':
      return listOf(one());
    case 'set':
      return setOf(one());
    case 'map':
      return mapOf(one());
    case 'optional':
      return arg ? typeConstraint(arg, diagnostics) : fail('optional() requires a type argument.');
    case 'tuple':
      if (arg?.kind !== 'tuple' || rest.length > 0)
        return fail('The tuple type constructor requires a list of element types.');
      return tupleOf(arg.items.map((item) => typeConstraint(item, diagnostics)));
    case 'object': {
      if (arg?.kind !== 'object' || rest.length > 0)
        return fail('The object type constructor requires an object of attribute types.');
      const attributes: Record<string, Type> = {};
      const optional: string[] = [];
      for (const item of arg.items) {
        const key =
          item.key.kind === 'literal' && typeof item.key.value === 'string' ? item.key.value : undefined;
        if (key === undefined)
          return fail('Object type attribute names must be identifiers or quoted strings.');
        attributes[key] = typeConstraint(item.value, diagnostics);
        if (item.value.kind === 'call' && item.value.name === 'optional') optional.push(key);
      }
      return objectOf(attributes, optional);
    }
    default:
      return fail(`Keyword "${expr.name}" is not a valid type constructor.`);
  }
}
