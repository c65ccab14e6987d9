/**
 * cty-like values for template evaluation.
 *
 * - Types (`types.ts`): `STRING`, `NUMBER`, `BOOL`, `DYNAMIC`, `listOf`, `setOf`, `mapOf`,
 *   `tupleOf`, `objectOf`; `typeName` prints like cty (`list of string`), `typeExpression`
 *   like HCL (`list(string)`).
 * - Values (`value.ts`): immutable `Value` (known / unknown / null of a type, plus marks such as
 *   `SENSITIVE`), built with `stringVal`, `numberVal` (exact from decimal text), `boolVal`,
 *   `listVal`, `setVal`, `mapVal`, `tupleVal`, `objectVal`, `nullVal(type)`, `unknownVal(type)`.
 * - Numbers (`number.ts`): `BigNum`, binary floating point with cty's big.Float semantics
 *   (512 bits for parsed numbers); `toString()` prints as cty (`decimal.ts`: Go's digit conversion).
 * - Conversion (`convert.ts`): `convert(value, type)` with cty's safe and unsafe rules,
 *   `unify(types)`, `unifyValues(values)`; `applyTypeDefaults(value, type)` (`defaults.ts`) fills in
 *   the defaults of `optional(T, default)` object attributes first, as HCL does for variables.
 * - Equality and operators (`equality.ts`, `operators.ts`): `equals`, `rawEquals`,
 *   `binaryOperation(op, a, b)`, `unaryOperation(op, a)` and one function per operator.
 * - Access (`access.ts`): `getAttr`, `index`, `entriesOf` for traversals and `for` expressions.
 * - JSON (`json.ts`): `toJson`/`fromJson` (cty JSON), `fromJsonImplied`, `toPlain`/`fromPlain`.
 * Every failure throws `ValueError` with a message for the template author.
 */
export * from './access.ts';
export * from './convert.ts';
export * from './defaults.ts';
export * from './equality.ts';
export * from './errors.ts';
export * from './json.ts';
export * from './limits.ts';
export type { Decimal } from './decimal.ts';
export * from './number.ts';
export {
  add,
  and,
  binaryOperation,
  divide,
  greaterThan,
  greaterThanOrEqual,
  lessThan,
  lessThanOrEqual,
  modulo,
  multiply,
  negate,
  not,
  or,
  subtract,
  unaryOperation,
} from './operators.ts';
export type {
  BinaryOperator as BinaryOperatorSymbol,
  UnaryOperator as UnaryOperatorSymbol,
} from './operators.ts';
export * from './types.ts';
export * from './value.ts';
