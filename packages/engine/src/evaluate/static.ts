import type { Diagnostic } from '../errors/diagnostic.ts';
import type { Expression } from '../parse/ast.ts';
import { convert } from '../values/convert.ts';
import { ValueError } from '../values/errors.ts';
import { BOOL, NUMBER, STRING, listOf, mapOf } from '../values/types.ts';
import type { Value } from '../values/value.ts';
import type { EvalContext } from './context.ts';
import { evaluate } from './expression.ts';

/** Evaluates an expression that must be wholly known now and convert to `type`; undefined after a diagnostic. */
function known(
  expr: Expression,
  ctx: EvalContext,
  diagnostics: Diagnostic[],
  type: Parameters<typeof convert>[1],
  what: string,
): Value | undefined {
  const { value, diagnostics: found } = evaluate(expr, ctx);
  diagnostics.push(...found);
  if (found.length > 0) return undefined;
  try {
    const converted = convert(value, type);
    if (!converted.isWhollyKnown) {
      diagnostics.push({
        severity: 'error',
        summary: `Unknown value for ${what}`,
        detail: `The value of ${what} must be known when the template is read; it cannot depend on values known only during the build.`,
        subject: expr.range,
      });
      return undefined;
    }
    if (converted.isNull) return undefined;
    return converted.unmarkDeep().value;
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    diagnostics.push({
      severity: 'error',
      summary: `Incorrect value type for ${what}`,
      detail: `Inappropriate value for ${what}: ${error.message}.`,
      subject: expr.range,
    });
    return undefined;
  }
}

export function staticString(
  expr: Expression,
  ctx: EvalContext,
  diagnostics: Diagnostic[],
  what: string,
): string | undefined {
  return known(expr, ctx, diagnostics, STRING, what)?.asString();
}

export function staticBool(
  expr: Expression,
  ctx: EvalContext,
  diagnostics: Diagnostic[],
  what: string,
): boolean | undefined {
  return known(expr, ctx, diagnostics, BOOL, what)?.asBool();
}

export function staticNumber(
  expr: Expression,
  ctx: EvalContext,
  diagnostics: Diagnostic[],
  what: string,
): number | undefined {
  return known(expr, ctx, diagnostics, NUMBER, what)?.asNumber().toNumber();
}

export function staticStringList(
  expr: Expression,
  ctx: EvalContext,
  diagnostics: Diagnostic[],
  what: string,
): string[] | undefined {
  return known(expr, ctx, diagnostics, listOf(STRING), what)
    ?.asArray()
    .map((v) => v.asString());
}

export function staticStringMap(
  expr: Expression,
  ctx: EvalContext,
  diagnostics: Diagnostic[],
  what: string,
): Record<string, string> | undefined {
  const value = known(expr, ctx, diagnostics, mapOf(STRING), what);
  if (!value) return undefined;
  return Object.fromEntries([...value.asMap()].map(([k, v]) => [k, v.asString()]));
}
