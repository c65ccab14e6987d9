import { type Diagnostic, type SourceRange, hasErrors } from '../errors/diagnostic.ts';
import { TYPE_EXPRESSION_ARGUMENTS, typeArgumentValue } from '../functions/conversion.ts';
import { FunctionCallError, callFunction, callLazyFunction } from '../functions/function.ts';
import type { Expression, ForExpr, TemplatePart } from '../parse/ast.ts';
import { rangeBetween } from '../parse/range.ts';
import { convert, unify } from '../values/convert.ts';
import { OperationError, ValueError } from '../values/errors.ts';
import {
  BudgetExceeded,
  type EvaluationBudget,
  checkStringLength,
  checkValueSize,
  evaluationBudget,
} from '../values/limits.ts';
import { binaryOperation, unaryOperation } from '../values/operators.ts';
import {
  BOOL,
  DYNAMIC,
  NUMBER,
  STRING,
  type Type,
  listOf,
  tupleOf,
  typeEquals,
  typeName,
} from '../values/types.ts';
import {
  DYNAMIC_VAL,
  type Value,
  boolVal,
  listVal,
  marksOf,
  nullVal,
  numberVal,
  objectVal,
  stringVal,
  tupleVal,
  unknownVal,
} from '../values/value.ts';
import type { EvalContext } from './context.ts';
import { typeConstraint } from './type-constraint.ts';

export interface EvalResult {
  value: Value;
  diagnostics: Diagnostic[];
}

/**
 * Evaluates an expression. Problems become diagnostics (all of them) and the failing
 * sub-expression evaluates to an unknown value so that evaluation continues.
 */
export function evaluate(expr: Expression, ctx: EvalContext): EvalResult {
  // An evaluation inside another (a `templatefile` call) spends the outer one's budget, and only
  // the outermost reports its end.
  const outermost = active === undefined;
  const budget = active ?? ctx.budget ?? evaluationBudget();
  active = budget;
  const evaluator = new Evaluator(ctx, budget);
  try {
    const value = evaluator.eval(expr);
    return { value, diagnostics: evaluator.diagnostics };
  } catch (error) {
    if (!outermost || !(error instanceof BudgetExceeded)) throw error;
    const diagnostics = [...evaluator.diagnostics];
    diagnostics.push({
      severity: 'error',
      summary: 'Evaluation budget exceeded',
      detail: `${error.message}.`,
      subject: error.subject ?? expr.range,
    });
    return { value: DYNAMIC_VAL, diagnostics };
  } finally {
    if (outermost) active = undefined;
  }
}

/** The budget of the evaluation under way (evaluation is synchronous). */
let active: EvaluationBudget | undefined;

class Evaluator {
  readonly diagnostics: Diagnostic[] = [];
  private readonly scopes: Map<string, Value>[] = [];
  private readonly splatItems: Value[] = [];

  constructor(
    private readonly ctx: EvalContext,
    private readonly budget: EvaluationBudget,
  ) {}

  /** Spends one step of the budget. */
  private step(range: SourceRange): void {
    if (++this.budget.steps > this.budget.limit)
      throw new BudgetExceeded(
        `the template's expressions took more than ${this.budget.limit} evaluation steps`,
        range,
      );
  }

  /** A value built here (a tuple, object, template or `for` result) within the size budgets. */
  private sized(value: Value, range: SourceRange): Value {
    return this.guard('Value too large', range, () => checkValueSize(value));
  }

  private fail(summary: string, detail: string, range: SourceRange): Value {
    this.diagnostics.push({ severity: 'error', summary, detail, subject: range });
    return DYNAMIC_VAL;
  }

  private guard(summary: string, range: SourceRange, fn: () => Value): Value {
    try {
      return fn();
    } catch (error) {
      if (error instanceof OperationError) {
        return this.fail('Operation failed', `Error during operation: ${error.message}.`, range);
      }
      if (error instanceof ValueError || error instanceof RangeError || error instanceof TypeError) {
        return this.fail(summary, `${error.message}.`, range);
      }
      throw error;
    }
  }

  private lookup(name: string): Value | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const value = this.scopes[i]?.get(name);
      if (value) return value;
    }
    return this.ctx.variables.get(name);
  }

  eval(expr: Expression): Value {
    this.step(expr.range);
    switch (expr.kind) {
      case 'literal':
        if (expr.value === null) return nullVal(DYNAMIC);
        return typeof expr.value === 'boolean' ? boolVal(expr.value) : stringVal(expr.value);
      case 'number':
        return this.guard('Invalid number literal', expr.range, () => numberVal(expr.text));
      case 'variable': {
        const value = this.lookup(expr.name);
        if (value) return value;
        return this.fail('Unknown variable', `There is no variable named "${expr.name}".`, expr.range);
      }
      case 'get-attr':
        return this.getAttr(this.eval(expr.object), expr.name, expr.nameRange);
      case 'index':
        return this.index(this.eval(expr.collection), this.eval(expr.key), expr.range);
      case 'splat':
        return this.splat(expr.source, expr.each, expr.range);
      case 'splat-item':
        return (
          this.splatItems[this.splatItems.length - 1] ??
          this.fail('Invalid splat', 'A splat item appeared outside a splat expression.', expr.range)
        );
      case 'call':
        return this.call(expr.name, expr.args, expr.expandFinal, expr.range, expr.nameRange);
      case 'conditional':
        return this.conditional(expr.condition, expr.trueResult, expr.falseResult);
      case 'binary': {
        if (expr.operator === '||' || expr.operator === '&&')
          return this.logical(expr.operator, expr.left, expr.right, expr.range);
        const left = this.eval(expr.left);
        const right = this.eval(expr.right);
        return this.operation(operatorType(expr.operator), expr.range, () =>
          binaryOperation(expr.operator, left, right),
        );
      }
      case 'unary': {
        const operand = this.eval(expr.operand);
        return this.operation(operatorType(expr.operator), expr.range, () =>
          unaryOperation(expr.operator, operand),
        );
      }
      case 'tuple':
        return this.sized(tupleVal(expr.items.map((item) => this.eval(item))), expr.range);
      case 'object':
        return this.sized(
          this.object(expr.items.map((item) => ({ key: item.key, value: item.value }))),
          expr.range,
        );
      case 'for':
        return this.sized(this.forExpr(expr), expr.range);
      case 'parens':
        return this.eval(expr.expr);
      case 'template':
        return this.template(expr.parts, expr.range);
      case 'bound': {
        this.scopes.push(new Map(expr.bindings));
        try {
          return this.eval(expr.expr);
        } finally {
          this.scopes.pop();
        }
      }
      case 'invalid':
        return DYNAMIC_VAL;
    }
  }

  private getAttr(object: Value, name: string, range: SourceRange): Value {
    if (!object.isKnown) {
      // HCL checks an attribute against the type even when the value is not known yet.
      const kind = object.type.kind;
      const known =
        kind === 'dynamic' || kind === 'map' || (kind === 'object' && name in object.type.attributes);
      if (known) return unknownVal(attributeType(object, name)).withMarks(object.marks);
      return kind === 'object' ? this.noAttribute(name, range) : this.notAnObject(object, range);
    }
    if (object.isNull)
      return this.fail(
        'Attempt to get attribute from null value',
        `This value is null, so it does not have any attribute named "${name}".`,
        range,
      );
    const kind = object.type.kind;
    if (kind === 'object' || kind === 'map') {
      const value = object.unmark().asMap().get(name);
      if (value) return value.withMarks(object.marks);
      if (kind === 'map')
        return this.fail(
          'Missing map element',
          `This map does not have an element with the key "${name}".`,
          range,
        );
      return this.noAttribute(name, range);
    }
    return this.notAnObject(object, range);
  }

  private noAttribute(name: string, range: SourceRange): Value {
    return this.fail(
      'Unsupported attribute',
      `This object does not have an attribute named "${name}".`,
      range,
    );
  }

  private notAnObject(object: Value, range: SourceRange): Value {
    return this.fail(
      'Unsupported attribute',
      `Can't access attributes on a primitive-typed value (${typeName(object.type)}).`,
      range,
    );
  }

  private index(collection: Value, key: Value, range: SourceRange): Value {
    if (!collection.isKnown || !key.isKnown) return DYNAMIC_VAL.withMarks(marksOf(collection, key));
    if (collection.isNull)
      return this.fail('Invalid index', 'This value is null, so it cannot be indexed.', range);
    return this.guard('Invalid index', range, () => {
      const kind = collection.type.kind;
      const marks = marksOf(collection, key);
      if (kind === 'list' || kind === 'tuple') {
        const n = convert(key, { kind: 'number' }).unmark().asNumber();
        const i = n.toSafeInteger();
        const items = collection.unmark().asArray();
        const item = i === undefined || !n.isInteger() ? undefined : items[i];
        if (!item)
          throw new ValueError(
            `The given key does not identify an element in this collection value (index ${n.toString()} of ${items.length} elements)`,
          );
        return item.withMarks(marks);
      }
      if (kind === 'map' || kind === 'object') {
        const k = convert(key, STRING).unmark().asString();
        const item = collection.unmark().asMap().get(k);
        if (!item)
          throw new ValueError(
            `The given key does not identify an element in this collection value ("${k}")`,
          );
        return item.withMarks(marks);
      }
      throw new ValueError(`This value does not have any indices (${typeName(collection.type)})`);
    });
  }

  /** HCL's SplatExpr: a list or set gives a list, a tuple a tuple, any other value a tuple of it. */
  private splat(sourceExpr: Expression, each: Expression, range: SourceRange): Value {
    const sourceRun = this.isolated(sourceExpr);
    this.diagnostics.push(...sourceRun.diagnostics);
    if (hasErrors(sourceRun.diagnostics)) return DYNAMIC_VAL;
    let source = sourceRun.value;
    const upgrade = !isSequenceType(source.type);
    if (source.isKnown && source.isNull) {
      if (upgrade) return tupleVal([]).withMarks(source.marks);
      return this.fail(
        'Splat of null value',
        'Splat expressions (with the * symbol) cannot be applied to null sequences.',
        sourceExpr.range,
      );
    }
    if (source.type.kind === 'dynamic') return DYNAMIC_VAL.withMarks(source.marks);
    // An unknown value might be null, which would splat to no elements at all.
    const upgradedUnknown = upgrade && !source.isKnown;
    if (upgrade) source = tupleVal([source]).withMarks(source.marks);
    const marks = source.marks;
    const sourceType = source.type;
    const eachOf = (item: Value) => {
      this.splatItems.push(item);
      try {
        return this.isolated(each);
      } finally {
        this.splatItems.pop();
      }
    };
    // The result type, from the element types: for unknown and empty sources.
    const resultType = (): { type: Type; diagnostics: Diagnostic[] } => {
      if (sourceType.kind === 'list' || sourceType.kind === 'set') {
        const r = eachOf(unknownVal(sourceType.element));
        return { type: listOf(r.value.type), diagnostics: r.diagnostics };
      }
      if (sourceType.kind === 'tuple') {
        const runs = sourceType.elements.map((t) => eachOf(unknownVal(t)));
        return {
          type: tupleOf(runs.map((r) => r.value.type)),
          diagnostics: runs.flatMap((r) => r.diagnostics),
        };
      }
      return { type: DYNAMIC, diagnostics: [] };
    };
    if (!source.isKnown) {
      const r = resultType();
      this.diagnostics.push(...r.diagnostics);
      return unknownVal(r.type).withMarks(marks);
    }
    const values: Value[] = [];
    let known = true;
    for (const item of source.unmark().asArray()) {
      const r = eachOf(item);
      this.diagnostics.push(...r.diagnostics);
      if (hasErrors(r.diagnostics)) known = false;
      values.push(r.value);
    }
    if (upgradedUnknown) return DYNAMIC_VAL.withMarks(marks);
    if (!known) return unknownVal(resultType().type).withMarks(marks);
    if (sourceType.kind === 'list' || sourceType.kind === 'set') {
      if (values.length === 0) {
        const r = resultType();
        this.diagnostics.push(...r.diagnostics);
        return listVal([], r.type.kind === 'list' ? r.type.element : DYNAMIC).withMarks(marks);
      }
      const first = (values[0] as Value).type;
      if (!values.every((v) => typeEquals(v.type, first)))
        return this.fail(
          'Invalid nested splat expressions',
          "The second level of splat expression produced elements of different types, so it isn't possible to construct a valid list to represent the top-level result.\n\nConsider using a for expression instead, to produce a tuple-typed result which can therefore have non-homogenous element types.",
          each.range,
        );
      return this.sized(listVal(values, first).withMarks(marks), range);
    }
    return this.sized(tupleVal(values).withMarks(marks), range);
  }

  private call(
    name: string,
    argExprs: Expression[],
    expandFinal: boolean,
    range: SourceRange,
    nameRange: SourceRange,
  ): Value {
    const fn = this.ctx.functions.get(name);
    if (!fn) {
      for (const a of argExprs) this.eval(a);
      const known = [...this.ctx.functions.keys()].sort();
      return this.fail(
        'Call to unknown function',
        known.length === 0
          ? `There is no function named "${name}".`
          : `There is no function named "${name}". Known functions include ${known.slice(0, 10).join(', ')}.`,
        nameRange,
      );
    }
    try {
      if (fn.lazy)
        return callLazyFunction(
          fn,
          argExprs.map((a) => () => this.strict(a)),
        );
      const typeArgs = TYPE_EXPRESSION_ARGUMENTS.get(name) ?? [];
      const before = this.diagnostics.length;
      const args = argExprs.map((a, i) =>
        typeArgs.includes(i)
          ? typeArgumentValue(typeConstraint(a, this.diagnostics, { defaults: false }))
          : this.eval(a),
      );
      // As HCL: a call whose arguments failed is not made; its result is not even typed.
      if (hasErrors(this.diagnostics.slice(before))) return DYNAMIC_VAL;
      if (expandFinal) {
        const last = args.pop();
        if (last && !last.isKnown) return DYNAMIC_VAL;
        if (last && !last.isNull) {
          const kind = last.type.kind;
          if (kind !== 'list' && kind !== 'tuple' && kind !== 'set') {
            return this.fail(
              'Invalid expanding argument value',
              'The expanding argument (indicated by ...) must be of a tuple, list, or set type.',
              range,
            );
          }
          args.push(...last.unmark().asArray());
        }
      }
      return callFunction(fn, args);
    } catch (error) {
      if (error instanceof FunctionCallError) {
        const arg = error.argIndex === undefined || expandFinal ? undefined : argExprs[error.argIndex];
        return this.fail(error.summary, error.message, arg?.range ?? range);
      }
      if (error instanceof ValueError)
        return this.fail(
          'Error in function call',
          `Call to function "${name}" failed: ${error.message}.`,
          range,
        );
      throw error;
    }
  }

  /** Evaluates for a lazy function (`try`, `can`): problems are thrown instead of reported. */
  private strict(expr: Expression): Value {
    const before = this.diagnostics.length;
    const value = this.eval(expr);
    const problems = this.diagnostics.splice(before);
    const first = problems[0];
    if (first) throw new ValueError(`${first.summary}: ${first.detail ?? ''}`.replace(/[.:\s]+$/, ''));
    return value;
  }

  /**
   * HCL's ConditionalExpr: both results are evaluated for their types, but only the chosen one's
   * diagnostics are kept; an unknown or failing condition keeps neither.
   */
  private conditional(condExpr: Expression, trueExpr: Expression, falseExpr: Expression): Value {
    const yes = this.isolated(trueExpr);
    const no = this.isolated(falseExpr);
    const { type, convertTrue, convertFalse } = conditionalType(yes.value, no.value);
    if (type === null) {
      return this.fail(
        'Inconsistent conditional result types',
        `The true and false result expressions must have consistent types. ${describeTypeMismatch(yes.value.type, no.value.type)}.`,
        rangeBetween(trueExpr.range, falseExpr.range),
      );
    }
    const raw = this.eval(condExpr);
    if (raw.isKnown && raw.isNull) {
      this.fail(
        'Null condition',
        'The condition value is null. Conditions must either be true or false.',
        condExpr.range,
      );
      return unknownVal(type);
    }
    const marks = marksOf(raw, yes.value, no.value);
    if (!raw.isKnown) {
      if (yes.value.isKnown && yes.value.isNull && no.value.isKnown && no.value.isNull)
        return nullVal(type).withMarks(marks);
      return unknownVal(type).withMarks(marks);
    }
    let condition: Value;
    try {
      condition = convert(raw, BOOL);
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      this.fail('Incorrect condition type', 'The condition expression must be of type bool.', condExpr.range);
      return unknownVal(type);
    }
    const chooseTrue = condition.unmark().asBool();
    const chosen = chooseTrue ? yes : no;
    this.diagnostics.push(...chosen.diagnostics);
    if (!(chooseTrue ? convertTrue : convertFalse)) return chosen.value.withMarks(marks);
    try {
      return convert(chosen.value, type).withMarks(marks);
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      this.fail(
        'Inconsistent conditional result types',
        `The ${chooseTrue ? 'true' : 'false'} result value has the wrong type: ${error.message}.`,
        (chooseTrue ? trueExpr : falseExpr).range,
      );
      return unknownVal(type);
    }
  }

  /**
   * `||` and `&&` short-circuit as HCL's do: both sides are evaluated, but a side that decides the
   * result (`true ||`, `false &&`, an unknown against the neutral value) keeps only its own
   * diagnostics, so `can_fail(x) || true` is true.
   */
  private logical(
    operator: '||' | '&&',
    leftExpr: Expression,
    rightExpr: Expression,
    range: SourceRange,
  ): Value {
    const left = this.isolated(leftExpr);
    const right = this.isolated(rightExpr);
    const decided = shortCircuit(operator, left, right);
    if (decided) {
      this.diagnostics.push(...decided.diagnostics);
      return decided.value.withMarks(marksOf(left.value, right.value));
    }
    this.diagnostics.push(...left.diagnostics, ...right.diagnostics);
    return this.operation(BOOL, range, () => binaryOperation(operator, left.value, right.value));
  }

  /** An operator's result; a failed operation is an unknown of the operator's type, as in HCL. */
  private operation(type: Type, range: SourceRange, fn: () => Value): Value {
    const before = this.diagnostics.length;
    const value = this.guard('Invalid operand', range, fn);
    return this.diagnostics.length > before ? unknownVal(type) : value;
  }

  /** Evaluates an expression with its diagnostics held back from this evaluation's. */
  private isolated(expr: Expression): EvalResult {
    const before = this.diagnostics.length;
    const value = this.eval(expr);
    return { value, diagnostics: this.diagnostics.splice(before) };
  }

  private objectKey(key: Value, range: SourceRange): string | undefined {
    if (!key.isKnown) return undefined;
    const converted = this.guard('Incorrect key type', range, () => {
      const k = convert(key, STRING);
      if (k.isNull) throw new ValueError("Can't use a null value as a key");
      return k;
    });
    return converted.isKnown ? converted.unmark().asString() : undefined;
  }

  private object(items: { key: Expression; value: Expression }[]): Value {
    const attributes = new Map<string, Value>();
    let unknownKey = false;
    for (const item of items) {
      const key = this.objectKey(this.eval(item.key), item.key.range);
      const value = this.eval(item.value);
      if (key === undefined) unknownKey = true;
      else attributes.set(key, value);
    }
    return unknownKey ? DYNAMIC_VAL : objectVal(attributes);
  }

  /** A conditional's (or a template `if`'s) condition as a bool, with HCL's errors. */
  private condition(value: Value, range: SourceRange): Value {
    if (value.isKnown && value.isNull) {
      return this.fail(
        'Null condition',
        'The condition value is null. Conditions must either be true or false.',
        range,
      );
    }
    return this.guard('Incorrect condition type', range, () => {
      try {
        return convert(value, BOOL);
      } catch (error) {
        if (error instanceof ValueError)
          throw new ValueError('The condition expression must be of type bool');
        throw error;
      }
    });
  }

  private forExpr(expr: ForExpr): Value {
    const collection = this.eval(expr.collection);
    if (!collection.isKnown) return DYNAMIC_VAL;
    if (collection.isNull) return this.nullIteration(expr.collection.range);
    if (expr.condition && !this.conditionMayHold(expr)) return DYNAMIC_VAL;
    const entries = this.entries(collection, expr.collection.range);
    if (!entries) return DYNAMIC_VAL;
    const tupleItems: Value[] = [];
    const objectItems = new Map<string, Value[]>();
    let unknown = false;
    for (const [key, value] of entries) {
      this.step(expr.range);
      const scope = new Map<string, Value>([[expr.valueVar, value]]);
      if (expr.keyVar !== undefined) scope.set(expr.keyVar, key);
      this.scopes.push(scope);
      try {
        if (expr.condition) {
          const raw = this.eval(expr.condition);
          if (raw.isKnown && raw.isNull) {
            this.fail(
              "Invalid 'for' condition",
              "The value of the 'if' clause must not be null.",
              expr.condition.range,
            );
            unknown = true;
            continue;
          }
          const include = this.guard("Invalid 'for' condition", expr.condition.range, () => {
            try {
              return convert(raw, BOOL);
            } catch (error) {
              if (error instanceof ValueError)
                throw new ValueError(`The 'if' clause value is invalid: ${error.message}`);
              throw error;
            }
          });
          if (!include.isKnown) {
            unknown = true;
            continue;
          }
          if (include.isNull || !include.unmark().asBool()) continue;
        }
        if (expr.keyExpr) {
          const k = this.objectKey(this.eval(expr.keyExpr), expr.keyExpr.range);
          const v = this.eval(expr.valueExpr);
          if (k === undefined) {
            unknown = true;
            continue;
          }
          const existing = objectItems.get(k);
          if (existing && !expr.grouping) {
            this.fail(
              'Duplicate object key',
              `Two different items produced the key "${k}" in this for expression. Use the ellipsis (...) after the value expression to group results by key.`,
              expr.keyExpr.range,
            );
            continue;
          }
          objectItems.set(k, [...(existing ?? []), v]);
        } else {
          tupleItems.push(this.eval(expr.valueExpr));
        }
      } finally {
        this.scopes.pop();
      }
    }
    if (unknown) return DYNAMIC_VAL;
    if (!expr.keyExpr) return tupleVal(tupleItems).withMarks(collection.marks);
    const attributes = new Map<string, Value>();
    for (const [k, values] of objectItems)
      attributes.set(k, expr.grouping ? tupleVal(values) : (values[0] as Value));
    return objectVal(attributes).withMarks(collection.marks);
  }

  /**
   * HCL first evaluates a `for`'s condition with unknown iteration values: a condition that is
   * null whatever the element (`if null`), or that fails, stops the expression.
   */
  private conditionMayHold(expr: ForExpr): boolean {
    const condition = expr.condition as Expression;
    const scope = new Map<string, Value>([[expr.valueVar, DYNAMIC_VAL]]);
    if (expr.keyVar !== undefined) scope.set(expr.keyVar, DYNAMIC_VAL);
    const before = this.diagnostics.length;
    this.scopes.push(scope);
    let result: Value;
    try {
      result = this.eval(condition);
    } finally {
      this.scopes.pop();
    }
    if (this.diagnostics.length > before) return false;
    if (result.isKnown && result.isNull) {
      this.fail('Condition is null', "The value of the 'if' clause must not be null.", condition.range);
      return false;
    }
    try {
      convert(result, BOOL);
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      this.fail(
        "Invalid 'for' condition",
        `The 'if' clause value is invalid: ${error.message}.`,
        condition.range,
      );
      return false;
    }
    return true;
  }

  private nullIteration(range: SourceRange): Value {
    return this.fail(
      'Iteration over null value',
      "A null value cannot be used as the collection in a 'for' expression.",
      range,
    );
  }

  private entries(collection: Value, range: SourceRange): [Value, Value][] | undefined {
    const kind = collection.type.kind;
    const plain = collection.unmark();
    if (kind === 'list' || kind === 'tuple' || kind === 'set') {
      return plain.asArray().map((v, i) => [kind === 'set' ? v : numberVal(i), v]);
    }
    if (kind === 'map' || kind === 'object') return [...plain.asMap()].map(([k, v]) => [stringVal(k), v]);
    this.fail(
      'Iteration over non-iterable value',
      `A value of type ${typeName(collection.type)} cannot be used as the collection in a 'for' expression.`,
      range,
    );
    return undefined;
  }

  private template(parts: TemplatePart[], range: SourceRange): Value {
    const only = parts[0];
    if (parts.length === 1 && only?.kind === 'interpolation') return this.eval(only.expr);
    const pieces: Value[] = [];
    this.renderParts(parts, pieces);
    const marks = marksOf(...pieces);
    if (pieces.some((p) => !p.isKnown)) return unknownVal(STRING).withMarks(marks);
    return this.guard('Invalid template', range, () => {
      const texts = pieces.map((p) => p.unmark().asString());
      checkStringLength(
        texts.reduce((n, t) => n + t.length, 0),
        'the template',
      );
      return stringVal(texts.join(''));
    }).withMarks(marks);
  }

  private renderParts(parts: TemplatePart[], out: Value[]): void {
    for (const part of parts) {
      if (part.kind === 'literal') {
        out.push(stringVal(part.text));
      } else if (part.kind === 'interpolation') {
        out.push(this.interpolate(this.eval(part.expr), part.range));
      } else if (part.kind === 'if') {
        // HCL turns a template `if` into a conditional expression, with its errors.
        const c = this.condition(this.eval(part.condition), part.condition.range);
        if (!c.isKnown || c.isNull) out.push(unknownVal(STRING));
        else this.renderParts(c.unmark().asBool() ? part.thenParts : part.elseParts, out);
      } else {
        const collection = this.eval(part.collection);
        if (!collection.isKnown) {
          out.push(unknownVal(STRING));
          continue;
        }
        if (collection.isNull) {
          out.push(this.nullIteration(part.collection.range));
          continue;
        }
        const entries = this.entries(collection, part.range) ?? [];
        for (const [key, value] of entries) {
          this.step(part.range);
          const scope = new Map<string, Value>([[part.valueVar, value]]);
          if (part.keyVar !== undefined) scope.set(part.keyVar, key);
          this.scopes.push(scope);
          try {
            this.renderParts(part.body, out);
          } finally {
            this.scopes.pop();
          }
        }
      }
    }
  }

  private interpolate(value: Value, range: SourceRange): Value {
    if (value.isKnown && value.isNull) {
      return this.fail(
        'Invalid template interpolation value',
        'The expression result is null. Cannot include a null value in a string template.',
        range,
      );
    }
    return this.guard('Invalid template interpolation value', range, () => convert(value, STRING));
  }
}

function attributeType(object: Value, name: string) {
  const t = object.type;
  if (t.kind === 'object') return t.attributes[name] ?? DYNAMIC;
  if (t.kind === 'map') return t.element;
  return DYNAMIC;
}

/** A literal `null`: HCL lets it take the other result's type. */
function isDynamicNull(v: Value): boolean {
  return v.isKnown && v.isNull && v.type.kind === 'dynamic';
}

/** The result type of a conditional and which results convert to it, as HCL decides them. */
function conditionalType(
  yes: Value,
  no: Value,
): { type: Type | null; convertTrue: boolean; convertFalse: boolean } {
  if (isDynamicNull(yes)) return { type: no.type, convertTrue: true, convertFalse: false };
  if (isDynamicNull(no)) return { type: yes.type, convertTrue: false, convertFalse: true };
  if (yes.type.kind === 'dynamic' || no.type.kind === 'dynamic')
    return { type: DYNAMIC, convertTrue: false, convertFalse: false };
  return { type: unify([yes.type, no.type]), convertTrue: true, convertFalse: true };
}

/** HCL's describeConditionalTypeMismatch: why two result types do not unify. */
function describeTypeMismatch(t: Type, f: Type): string {
  if (t.kind === 'object' && f.kind === 'object') {
    const trueNames = Object.keys(t.attributes).sort();
    const falseNames = Object.keys(f.attributes).sort();
    for (const name of trueNames) {
      const fa = f.attributes[name];
      if (!fa)
        return `The 'true' value includes object attribute "${name}", which is absent in the 'false' value`;
      const ta = t.attributes[name] as Type;
      if (!typeEquals(ta, fa))
        return `Type mismatch for object attribute "${name}": ${describeTypeMismatch(ta, fa)}`;
    }
    for (const name of falseNames) {
      if (!(name in t.attributes))
        return `The 'false' value includes object attribute "${name}", which is absent in the 'true' value`;
    }
  } else if (t.kind === 'tuple' && f.kind === 'tuple') {
    if (t.elements.length !== f.elements.length)
      return `The 'true' tuple has length ${t.elements.length}, but the 'false' tuple has length ${f.elements.length}`;
    for (let i = 0; i < t.elements.length; i++) {
      const te = t.elements[i] as Type;
      const fe = f.elements[i] as Type;
      if (!typeEquals(te, fe)) return `Type mismatch for tuple element ${i}: ${describeTypeMismatch(te, fe)}`;
    }
  } else if (
    (t.kind === 'list' || t.kind === 'map' || t.kind === 'set') &&
    t.kind === f.kind &&
    ((t.element.kind === 'object' && f.element.kind === 'object') ||
      (t.element.kind === 'tuple' && f.element.kind === 'tuple'))
  ) {
    return `Mismatched ${t.kind} element types: ${describeTypeMismatch(t.element, f.element)}`;
  }
  const trueName = typeName(t);
  const falseName = typeName(f);
  if (trueName === falseName)
    return "At least one deeply-nested attribute or element is not compatible across both the 'true' and the 'false' value";
  return `The 'true' value is ${trueName}, but the 'false' value is ${falseName}`;
}

function isSequenceType(t: Type): boolean {
  return t.kind === 'list' || t.kind === 'tuple' || t.kind === 'set';
}

/** HCL's ShortCircuit of `||` and `&&`: the forced result and the diagnostics it keeps, if any. */
function shortCircuit(operator: '||' | '&&', left: EvalResult, right: EvalResult): EvalResult | undefined {
  const asBool = (v: Value) => {
    try {
      return convert(v.unmark(), BOOL);
    } catch {
      return undefined;
    }
  };
  const l = asBool(left.value);
  const r = asBool(right.value);
  // An operand that is not a bool is reported as usual.
  if (!l || !r) return undefined;
  const unknownBool = (diagnostics: Diagnostic[]) => ({ value: unknownVal(BOOL), diagnostics });
  if (!l.isKnown && !r.isKnown)
    return hasErrors(left.diagnostics) ? undefined : unknownBool(left.diagnostics);
  const decisive = operator === '||';
  const is = (v: Value, b: boolean) => v.isKnown && !v.isNull && v.asBool() === b;
  if (is(l, decisive)) return { value: boolVal(decisive), diagnostics: left.diagnostics };
  if (is(r, decisive)) return { value: boolVal(decisive), diagnostics: right.diagnostics };
  if (!l.isKnown && is(r, !decisive)) return unknownBool(left.diagnostics);
  if (!r.isKnown && is(l, !decisive)) return unknownBool(right.diagnostics);
  return undefined;
}

/** The type of an operator's result: a number for arithmetic, a bool for the rest. */
function operatorType(operator: string): Type {
  return ['+', '-', '*', '/', '%'].includes(operator) ? NUMBER : BOOL;
}
