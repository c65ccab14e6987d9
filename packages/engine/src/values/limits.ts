import type { SourceRange } from '../errors/diagnostic.ts';
import { ValueError } from './errors.ts';
import type { Value } from './value.ts';

/**
 * Evaluation budgets: how much a template may ask the engine to build, so that a hostile
 * template ends in a diagnostic at its file and line instead of exhausting memory or hanging.
 * They are far above what real templates use: cty has no such limits (only `range`'s 1024
 * elements), Packer simply runs out of memory.
 */

/** The longest string an expression or function may produce (as Go templates' output). */
export const MAX_STRING_LENGTH = 16 * 1024 * 1024;
/** The most elements one list, set, tuple, map or object may have. */
export const MAX_COLLECTION_LENGTH = 1024 * 1024;
/** The most nodes one value may have written out (see `Value.size`). */
export const MAX_VALUE_NODES = 4 * 1024 * 1024;
/** The most string characters one value may hold written out. */
export const MAX_VALUE_CHARS = MAX_STRING_LENGTH;
/** The most expression nodes and iterations one template's evaluation may go through. */
export const MAX_EVALUATION_STEPS = 16 * 1024 * 1024;

/** A result past one of the limits above: reported where it was asked for, like any failed operation. */
export class LimitError extends ValueError {
  override readonly name: string = 'LimitError';
}

/** Refuses a string of `length` characters before it is built. */
export function checkStringLength(length: number, what = 'the result'): void {
  if (length > MAX_STRING_LENGTH)
    throw new LimitError(
      `${what} would be ${length} characters long, more than the ${MAX_STRING_LENGTH} Kiln allows`,
    );
}

/** Refuses a collection of `length` elements before it is built. */
export function checkCollectionLength(length: number, what = 'the result'): void {
  if (length > MAX_COLLECTION_LENGTH)
    throw new LimitError(
      `${what} would have ${length} elements, more than the ${MAX_COLLECTION_LENGTH} Kiln allows`,
    );
}

/** Refuses a value too big to write out, print or hand to a plugin. */
export function checkValueSize(value: Value, what = 'the result'): Value {
  const { nodes, chars } = value.size;
  if (nodes > MAX_VALUE_NODES)
    throw new LimitError(
      `${what} has ${nodes} nested values written out, more than the ${MAX_VALUE_NODES} Kiln allows`,
    );
  if (chars > MAX_VALUE_CHARS)
    throw new LimitError(
      `${what} holds ${chars} characters of strings written out, more than the ${MAX_VALUE_CHARS} Kiln allows`,
    );
  return value;
}

/**
 * The evaluation step budget ran out. Not a ValueError: `try` and `can` must not swallow it, and
 * evaluation stops where it is thrown.
 */
export class BudgetExceeded extends Error {
  override readonly name: string = 'BudgetExceeded';
  constructor(
    message: string,
    /** The expression being evaluated when the budget ran out. */
    readonly subject?: SourceRange,
  ) {
    super(message);
  }
}

/** Steps spent so far; one budget is shared by all the evaluations of one template. */
export interface EvaluationBudget {
  steps: number;
  readonly limit: number;
}

export function evaluationBudget(limit = MAX_EVALUATION_STEPS): EvaluationBudget {
  return { steps: 0, limit };
}
