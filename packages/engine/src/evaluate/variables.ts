import type { Diagnostic, SourceRange } from '../errors/diagnostic.ts';
import type { LocalDecl, VariableDecl } from '../model/template.ts';
import type { Expression } from '../parse/ast.ts';
import { parseNativeExpression } from '../parse/native/index.ts';
import { convert } from '../values/convert.ts';
import { applyTypeDefaults } from '../values/defaults.ts';
import { ValueError } from '../values/errors.ts';
import { BOOL, DYNAMIC, STRING, type Type } from '../values/types.ts';
import { DYNAMIC_VAL, SENSITIVE, type Value, objectVal, stringVal } from '../values/value.ts';
import { type EvalContext, withVariables } from './context.ts';
import { evaluate } from './expression.ts';
import { references } from './references.ts';

/** A value given for a variable from outside the template, lowest precedence first. */
export interface VariableInput {
  name: string;
  /** A raw `-var`/environment string: kept as is for string variables, otherwise read as an expression. */
  raw?: string;
  expr?: Expression;
  /** Where it came from, for diagnostics (`-var`, `PKR_VAR_x`, or the var file). */
  origin: string;
  range?: SourceRange;
  /** Unknown names in var files are warnings; unknown `-var` names are errors. */
  strict: boolean;
}

/** An input's value before conversion, and the expression it came from (none for a raw string). */
function inputValue(
  input: VariableInput,
  type: Type,
  ctx: EvalContext,
  diagnostics: Diagnostic[],
): { value: Value; expr?: Expression } | undefined {
  /** A raw string is the value itself for string, number and untyped variables, as in Packer. */
  if (
    input.raw !== undefined &&
    (type.kind === 'string' || type.kind === 'number' || type.kind === 'dynamic')
  )
    return { value: stringVal(input.raw) };
  let expr = input.expr;
  if (!expr && input.raw !== undefined) {
    const parsed = parseNativeExpression(input.raw, input.origin);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.diagnostics.length > 0) return undefined;
    expr = parsed.expr;
  }
  if (!expr) return undefined;
  const result = evaluate(expr, ctx);
  diagnostics.push(...result.diagnostics);
  return result.diagnostics.length > 0 ? undefined : { value: result.value, expr };
}

/**
 * A variable's value in its declared type: the defaults of `optional(T, default)` attributes
 * filled in, then converted. A value that does not fit is reported (in Packer's words for where it
 * came from) and becomes unknown.
 */
function toVariableType(
  value: Value,
  type: Type,
  source: { decl: VariableDecl; input?: VariableInput; expr?: Expression },
  diagnostics: Diagnostic[],
): Value {
  try {
    return convert(applyTypeDefaults(value, type), type);
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    diagnostics.push(conversionDiagnostic(error.message, source));
    return DYNAMIC_VAL;
  }
}

function conversionDiagnostic(
  reason: string,
  { decl, input, expr }: { decl: VariableDecl; input?: VariableInput; expr?: Expression },
): Diagnostic {
  if (!input) {
    return {
      severity: 'error',
      summary: 'Invalid default value for variable',
      detail: `This default value is not compatible with the variable's type constraint: ${reason}.`,
      subject: expr?.range ?? decl.range,
    };
  }
  if (input.strict) {
    return {
      severity: 'error',
      summary: 'Invalid argument value for -var variable',
      detail: `The received arg value for ${decl.name} is not compatible with the variable's type constraint: ${reason}.`,
    };
  }
  const subject = expr?.range ?? input.range;
  return {
    severity: 'error',
    summary: 'Invalid value for variable',
    detail: `The value for ${decl.name} is not compatible with the variable's type constraint: ${reason}.`,
    ...(subject ? { subject } : {}),
  };
}

/**
 * The type values given for the variable are converted to: the declared one or, for a variable
 * declared without a type, the type of its default (unless that is `{}` or `[]`), as Packer does.
 */
function effectiveType(decl: VariableDecl, defaultValue: Value | undefined): Type {
  if (decl.type.kind !== 'dynamic' || !defaultValue) return decl.type;
  const t = defaultValue.type;
  const empty =
    (t.kind === 'object' && Object.keys(t.attributes).length === 0) ||
    (t.kind === 'tuple' && t.elements.length === 0);
  return empty ? DYNAMIC : t;
}

export interface EvaluateVariablesOptions {
  /**
   * `'syntax'` checks only what `packer validate -syntax-only` checks: defaults and given values
   * evaluate and fit the declared type. An unset variable then stays unknown without an error, and
   * validation blocks are not run. Defaults to `'full'`.
   */
  phase?: 'syntax' | 'full';
}

/** Evaluates every variable: default, then inputs in order; converts to the declared type; runs validations. */
export function evaluateVariables(
  decls: VariableDecl[],
  inputs: VariableInput[],
  base: EvalContext,
  diagnostics: Diagnostic[],
  options: EvaluateVariablesOptions = {},
): Map<string, Value> {
  const full = options.phase !== 'syntax';
  const byName = new Map(decls.map((d) => [d.name, d]));
  const chosen = new Map<string, Value>();
  const types = new Map<string, Type>();
  for (const decl of decls) {
    if (!decl.default) {
      types.set(decl.name, decl.type);
      continue;
    }
    const result = evaluate(decl.default, base);
    diagnostics.push(...result.diagnostics);
    const value = toVariableType(result.value, decl.type, { decl, expr: decl.default }, diagnostics);
    chosen.set(decl.name, value);
    types.set(decl.name, effectiveType(decl, value));
  }
  for (const input of inputs) {
    const decl = byName.get(input.name);
    if (!decl) {
      diagnostics.push({
        severity: input.strict ? 'error' : 'warning',
        summary: 'Undefined variable',
        detail: `A value was given for "${input.name}" (${input.origin}), but no variable of that name is declared. Declare it with a variable block.`,
        ...(input.range ? { subject: input.range } : {}),
      });
      continue;
    }
    const type = types.get(decl.name) ?? decl.type;
    const given = inputValue(input, type, base, diagnostics);
    if (!given) continue;
    const source = given.expr ? { decl, input, expr: given.expr } : { decl, input };
    chosen.set(decl.name, toVariableType(given.value, type, source, diagnostics));
  }
  const values = new Map<string, Value>();
  for (const decl of decls) {
    const value = chosen.get(decl.name);
    if (!value) {
      if (full)
        diagnostics.push({
          severity: 'error',
          summary: 'Unset variable',
          detail: `A used variable must be set or have a default value; see the documentation for how to set variables. Variable "${decl.name}" has no value.`,
          subject: decl.range,
        });
      values.set(decl.name, DYNAMIC_VAL);
      continue;
    }
    values.set(decl.name, decl.sensitive ? value.mark(SENSITIVE) : value);
  }
  if (!full) return values;
  const varObject = objectVal(values);
  for (const decl of decls) {
    const ctx = withVariables(base, { var: varObject });
    for (const validation of decl.validations) {
      const condition = evaluate(validation.condition, ctx);
      diagnostics.push(...condition.diagnostics);
      if (condition.diagnostics.length > 0 || !condition.value.isKnown) continue;
      let ok: boolean;
      try {
        ok = convert(condition.value, BOOL).unmark().asBool();
      } catch (error) {
        if (!(error instanceof ValueError)) throw error;
        diagnostics.push({
          severity: 'error',
          summary: 'Invalid validation condition',
          detail: `The condition must be true or false: ${error.message}.`,
          subject: validation.condition.range,
        });
        continue;
      }
      if (ok) continue;
      const message = evaluate(validation.errorMessage, ctx);
      let text = 'The value does not satisfy the validation condition.';
      try {
        if (message.diagnostics.length === 0) text = convert(message.value, STRING).unmark().asString();
      } catch {
        // keep the generic text: the message expression itself is not a string
      }
      diagnostics.push({
        severity: 'error',
        summary: 'Invalid value for variable',
        detail: `${text}\n\nThis was checked by the validation rule at ${validation.range.filename}:${validation.range.start.line},${validation.range.start.column}.`,
        subject: validation.condition.range,
      });
    }
  }
  return values;
}

/** Reports each local declared twice (across all files); returns the first declaration of each name. */
export function uniqueLocals(decls: LocalDecl[], diagnostics: Diagnostic[]): Map<string, LocalDecl> {
  const byName = new Map<string, LocalDecl>();
  for (const decl of decls) {
    const previous = byName.get(decl.name);
    if (previous) {
      diagnostics.push({
        severity: 'error',
        summary: 'Duplicate local value definition',
        detail: `A local value named "${decl.name}" was already defined at ${previous.range.filename}:${previous.range.start.line},${previous.range.start.column}. Local value names must be unique.`,
        subject: decl.range,
      });
      continue;
    }
    byName.set(decl.name, decl);
  }
  return byName;
}

/** Evaluates locals in dependency order; a cycle is an error naming it. */
export function evaluateLocals(
  decls: LocalDecl[],
  base: EvalContext,
  diagnostics: Diagnostic[],
): Map<string, Value> {
  const byName = uniqueLocals(decls, diagnostics);
  const values = new Map<string, Value>();
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (decl: LocalDecl, path: string[]): void => {
    const current = state.get(decl.name);
    if (current === 'done') return;
    if (current === 'visiting') {
      const cycle = [...path.slice(path.indexOf(decl.name)), decl.name].map((n) => `local.${n}`).join(' -> ');
      diagnostics.push({
        severity: 'error',
        summary: 'Cycle in local values',
        detail: `The local values refer to each other in a cycle: ${cycle}.`,
        subject: decl.range,
      });
      values.set(decl.name, DYNAMIC_VAL);
      return;
    }
    state.set(decl.name, 'visiting');
    for (const ref of references(decl.expr)) {
      const target = ref.root === 'local' && ref.path[0] !== undefined ? byName.get(ref.path[0]) : undefined;
      if (target) visit(target, [...path, decl.name]);
    }
    if (!values.has(decl.name)) {
      const result = evaluate(decl.expr, withVariables(base, { local: objectVal(values) }));
      diagnostics.push(...result.diagnostics);
      values.set(decl.name, decl.sensitive ? result.value.mark(SENSITIVE) : result.value);
    }
    state.set(decl.name, 'done');
  };
  for (const decl of byName.values()) visit(decl, []);
  return values;
}
