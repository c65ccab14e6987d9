import { convert } from './convert.ts';
import { equals, notEquals } from './equality.ts';
import { OperationError, ValueError } from './errors.ts';
import type { BigNum } from './number.ts';
import { BOOL, NUMBER } from './types.ts';
import { type Value, boolVal, marksOf, numberVal, unknownVal } from './value.ts';

/**
 * HCL's operators with cty's semantics. Operands are converted to the operator's type
 * (number for arithmetic and comparison, bool for logic), so `"2" * 3` is 6. An unknown
 * operand gives an unknown result of the operator's type; a null operand or one that does
 * not convert throws ValueError (`Unsuitable value for left operand: a number is required`);
 * the marks (`sensitive`) of the operands carry over to the result.
 */
export type BinaryOperator =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '&&'
  | '||';
export type UnaryOperator = '-' | '!';

type Side = 'left' | 'right' | 'the';

/** The operand converted to the operator's type; a null one is refused as cty refuses it in a call. */
function operand(v: Value, side: Side, kind: 'number' | 'bool'): Value {
  const converted = convertedOperand(v, side, kind);
  if (converted.isNull) throw new OperationError('argument must not be null');
  return converted;
}

function convertedOperand(v: Value, side: Side, kind: 'number' | 'bool'): Value {
  try {
    return convert(v, kind === 'number' ? NUMBER : BOOL);
  } catch (error) {
    if (error instanceof ValueError) {
      const what = side === 'the' ? 'operand' : `${side} operand`;
      throw new ValueError(`Unsuitable value for ${what}: ${error.reason}`, error.path);
    }
    throw error;
  }
}

function arithmetic(a: Value, b: Value, op: (x: BigNum, y: BigNum) => BigNum): Value {
  const x = operand(a, 'left', 'number');
  const y = operand(b, 'right', 'number');
  const marks = marksOf(x, y);
  if (!x.isKnown || !y.isKnown) return unknownVal(NUMBER).withMarks(marks);
  try {
    return numberVal(op(x.unmark().asNumber(), y.unmark().asNumber())).withMarks(marks);
  } catch (error) {
    if (error instanceof RangeError) throw new OperationError(error.message);
    throw error;
  }
}

function comparison(a: Value, b: Value, test: (c: number) => boolean): Value {
  const x = operand(a, 'left', 'number');
  const y = operand(b, 'right', 'number');
  const marks = marksOf(x, y);
  if (!x.isKnown || !y.isKnown) return unknownVal(BOOL).withMarks(marks);
  return boolVal(test(x.unmark().asNumber().cmp(y.unmark().asNumber()))).withMarks(marks);
}

export function add(a: Value, b: Value): Value {
  return arithmetic(a, b, (x, y) => x.add(y));
}
export function subtract(a: Value, b: Value): Value {
  return arithmetic(a, b, (x, y) => x.sub(y));
}
export function multiply(a: Value, b: Value): Value {
  return arithmetic(a, b, (x, y) => x.mul(y));
}
export function divide(a: Value, b: Value): Value {
  return arithmetic(a, b, (x, y) => x.div(y));
}
export function modulo(a: Value, b: Value): Value {
  return arithmetic(a, b, (x, y) => x.mod(y));
}
export function lessThan(a: Value, b: Value): Value {
  return comparison(a, b, (c) => c < 0);
}
export function lessThanOrEqual(a: Value, b: Value): Value {
  return comparison(a, b, (c) => c <= 0);
}
export function greaterThan(a: Value, b: Value): Value {
  return comparison(a, b, (c) => c > 0);
}
export function greaterThanOrEqual(a: Value, b: Value): Value {
  return comparison(a, b, (c) => c >= 0);
}

/** cty's `True()` / `False()` of a known bool: a null is neither true, so it counts as false. */
const isTrue = (v: Value) => !v.unmark().isNull && v.unmark().asBool();
const isFalse = (v: Value) => !isTrue(v);

/**
 * `&&` with HCL's short circuit: a known false (or null) on either side gives false, even when
 * the other side is unknown; an unknown against a true gives unknown.
 */
export function and(a: Value, b: Value): Value {
  const x = convertedOperand(a, 'left', 'bool');
  const y = convertedOperand(b, 'right', 'bool');
  const marks = marksOf(x, y);
  if (!x.isKnown && !y.isKnown) return unknownVal(BOOL).withMarks(marks);
  if ((x.isKnown && isFalse(x)) || (y.isKnown && isFalse(y))) return boolVal(false).withMarks(marks);
  if (!x.isKnown || !y.isKnown) return unknownVal(BOOL).withMarks(marks);
  return boolVal(true).withMarks(marks);
}

/**
 * `||` with HCL's short circuit: a known true on either side gives true, even when the other side
 * is unknown; an unknown against a false (or null) gives unknown; otherwise a null is refused.
 */
export function or(a: Value, b: Value): Value {
  const x = convertedOperand(a, 'left', 'bool');
  const y = convertedOperand(b, 'right', 'bool');
  const marks = marksOf(x, y);
  if (!x.isKnown && !y.isKnown) return unknownVal(BOOL).withMarks(marks);
  if ((x.isKnown && isTrue(x)) || (y.isKnown && isTrue(y))) return boolVal(true).withMarks(marks);
  if (!x.isKnown || !y.isKnown) return unknownVal(BOOL).withMarks(marks);
  if (x.isNull || y.isNull) throw new OperationError('argument must not be null');
  return boolVal(false).withMarks(marks);
}

export function not(a: Value): Value {
  const x = operand(a, 'the', 'bool');
  if (!x.isKnown) return unknownVal(BOOL).withMarks(x.marks);
  return boolVal(!x.unmark().asBool()).withMarks(x.marks);
}

export function negate(a: Value): Value {
  const x = operand(a, 'the', 'number');
  if (!x.isKnown) return unknownVal(NUMBER).withMarks(x.marks);
  return numberVal(x.unmark().asNumber().neg()).withMarks(x.marks);
}

/** Applies a binary operator by its HCL symbol. */
export function binaryOperation(op: BinaryOperator, a: Value, b: Value): Value {
  switch (op) {
    case '+':
      return add(a, b);
    case '-':
      return subtract(a, b);
    case '*':
      return multiply(a, b);
    case '/':
      return divide(a, b);
    case '%':
      return modulo(a, b);
    case '==':
      return equals(a, b);
    case '!=':
      return notEquals(a, b);
    case '<':
      return lessThan(a, b);
    case '<=':
      return lessThanOrEqual(a, b);
    case '>':
      return greaterThan(a, b);
    case '>=':
      return greaterThanOrEqual(a, b);
    case '&&':
      return and(a, b);
    case '||':
      return or(a, b);
  }
}

export function unaryOperation(op: UnaryOperator, a: Value): Value {
  return op === '-' ? negate(a) : not(a);
}
