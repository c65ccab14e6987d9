import {
  DYNAMIC_VAL,
  type Type,
  type Value,
  ValueError,
  checkValueSize,
  convert,
  unknownVal,
} from '../values/index.ts';

/** One declared parameter of a function, as cty's `function.Parameter`. */
export interface Parameter {
  name: string;
  /** Arguments are converted to this type; DYNAMIC accepts any value as it is. */
  type: Type;
  /** Without it, a null argument is an error ("argument must not be null"). */
  allowNull?: boolean;
  /** Without it, a not wholly known argument makes the result unknown without calling the implementation. */
  allowUnknown?: boolean;
  /** Without it, marks (sensitive) are removed before the call and put back on the result. */
  allowMarked?: boolean;
  /**
   * Without it, an argument whose type is not yet known (a bare `null`, whose type is dynamic)
   * makes the whole result unknown, as cty's `AllowDynamicType` does.
   */
  allowDynamicType?: boolean;
}

/** A thunk the evaluator passes to a lazy function (try, can): evaluates one argument expression, throwing on error. */
export type ArgThunk = () => Value;

export interface KilnFunction {
  name: string;
  description: string;
  params: readonly Parameter[];
  /** When present, any number of further arguments of this kind. */
  variadic?: Parameter;
  /** The result type for these (converted, possibly unknown) arguments; throws ArgumentError when they do not fit. */
  returnType(args: readonly Value[]): Type;
  /** The result for these arguments; only called when every argument a parameter refuses unknown for is known. */
  impl(args: readonly Value[], returnType: Type): Value;
  /**
   * Set on functions whose arguments must not be evaluated up front (`try`, `can`): the
   * evaluator calls `callLazyFunction` with one thunk per argument expression instead.
   */
  lazy?: (args: readonly ArgThunk[]) => Value;
}

/** Thrown by a function's returnType/impl about one argument: becomes `Invalid value for "<name>" parameter: ...`. */
export class ArgumentError extends ValueError {
  constructor(
    readonly argIndex: number,
    reason: string,
  ) {
    super(reason);
  }
}

export type FunctionCallSummary =
  | 'Not enough function arguments'
  | 'Too many function arguments'
  | 'Invalid function argument'
  | 'Error in function call';

/**
 * A failed call, worded as HCL words it: `summary` for the diagnostic summary, `message` for its
 * detail, `argIndex` (when the problem is one argument) for its subject.
 */
export class FunctionCallError extends Error {
  override readonly name = 'FunctionCallError';
  constructor(
    readonly functionName: string,
    readonly summary: FunctionCallSummary,
    message: string,
    readonly argIndex?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

function parameterAt(fn: KilnFunction, i: number): Parameter | undefined {
  return fn.params[i] ?? fn.variadic;
}

/**
 * Calls a function with cty's rules: checks the number of arguments, converts each to its
 * parameter's type, refuses nulls, short-cuts to an unknown result for unknown arguments,
 * strips marks and puts them back on the result. Throws FunctionCallError.
 */
export function callFunction(fn: KilnFunction, args: readonly Value[]): Value {
  if (fn.lazy) {
    throw new FunctionCallError(
      fn.name,
      'Error in function call',
      `Function "${fn.name}" takes its arguments unevaluated; call it with callLazyFunction`,
    );
  }
  if (args.length < fn.params.length) {
    const missing = fn.params[args.length] as Parameter;
    throw new FunctionCallError(
      fn.name,
      'Not enough function arguments',
      `Function "${fn.name}" expects${fn.variadic ? ' at least' : ''} ${fn.params.length} argument(s). Missing value for "${missing.name}".`,
    );
  }
  if (!fn.variadic && args.length > fn.params.length) {
    throw new FunctionCallError(
      fn.name,
      'Too many function arguments',
      `Function "${fn.name}" expects only ${fn.params.length} argument(s).`,
      fn.params.length,
    );
  }

  const marks = new Set<string>();
  let unknownResult = false;
  const prepared: Value[] = [];
  for (const [i, arg] of args.entries()) {
    const param = parameterAt(fn, i) as Parameter;
    let v = arg;
    if (!param.allowMarked) {
      const stripped = arg.unmarkDeep();
      for (const m of stripped.marks) marks.add(m);
      v = stripped.value;
    }
    if (v.isNull && !param.allowNull) throw argumentFailure(fn, i, 'argument must not be null');
    if (v.isNull && v.type.kind === 'dynamic' && !param.allowDynamicType) {
      return marks.size > 0 ? DYNAMIC_VAL.withMarks(marks) : DYNAMIC_VAL;
    }
    try {
      v = convertArg(v, param.type);
    } catch (error) {
      if (error instanceof ValueError) throw argumentFailure(fn, i, error.message);
      throw error;
    }
    if (!param.allowUnknown && !v.isWhollyKnown) unknownResult = true;
    prepared.push(v);
  }

  const returnType = guard(fn, () => fn.returnType(prepared));
  if (unknownResult) return unknownOf(returnType).withMarks(marks);
  // Every result is within the evaluation budgets; the functions that could amplify their
  // input (setproduct, join, format widths, ...) check before they build.
  const result = guard(fn, () => checkValueSize(fn.impl(prepared, returnType)));
  return marks.size > 0 ? result.withMarks(marks) : result;
}

/** Calls a lazy function (`try`, `can`) with one thunk per argument expression. */
export function callLazyFunction(fn: KilnFunction, args: readonly ArgThunk[]): Value {
  if (!fn.lazy) {
    throw new FunctionCallError(
      fn.name,
      'Error in function call',
      `Function "${fn.name}" is not a lazy function`,
    );
  }
  const lazy = fn.lazy;
  if (args.length < fn.params.length) {
    throw new FunctionCallError(
      fn.name,
      'Not enough function arguments',
      `Function "${fn.name}" expects${fn.variadic ? ' at least' : ''} ${fn.params.length} argument(s).`,
    );
  }
  if (!fn.variadic && args.length > fn.params.length) {
    throw new FunctionCallError(
      fn.name,
      'Too many function arguments',
      `Function "${fn.name}" expects only ${fn.params.length} argument(s).`,
      fn.params.length,
    );
  }
  return guard(fn, () => lazy(args));
}

function argumentFailure(fn: KilnFunction, i: number, reason: string): FunctionCallError {
  const param = parameterAt(fn, i);
  return new FunctionCallError(
    fn.name,
    'Invalid function argument',
    `Invalid value for "${param?.name ?? `#${i + 1}`}" parameter: ${reason}.`,
    i,
  );
}

function guard<T>(fn: KilnFunction, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof FunctionCallError) throw error;
    if (error instanceof ArgumentError) throw argumentFailure(fn, error.argIndex, error.message);
    if (error instanceof ValueError) {
      throw new FunctionCallError(
        fn.name,
        'Error in function call',
        `Call to function "${fn.name}" failed: ${error.message}.`,
        undefined,
        { cause: error },
      );
    }
    // JavaScript's own limits (a string or array past its maximum length, too deep a recursion):
    // a template asking for so much fails its call instead of the process.
    if (error instanceof RangeError) {
      throw new FunctionCallError(
        fn.name,
        'Error in function call',
        `Call to function "${fn.name}" failed: the result is too large (${error.message}).`,
        undefined,
        { cause: error },
      );
    }
    throw error;
  }
}

function convertArg(v: Value, type: Type): Value {
  return type.kind === 'dynamic' ? v : convert(v, type);
}

function unknownOf(type: Type): Value {
  return type.kind === 'dynamic' ? DYNAMIC_VAL : unknownVal(type);
}
