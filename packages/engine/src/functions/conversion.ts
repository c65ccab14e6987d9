import {
  BOOL,
  DYNAMIC,
  STRING,
  type Type,
  type Value,
  ValueError,
  boolVal,
  convert,
  stringVal,
  typeFromJson,
  typeToJson,
  unknownVal,
  BudgetExceeded,
} from '../values/index.ts';
import { arg, defineFunction, param } from './define.ts';
import { type ArgThunk, ArgumentError, type KilnFunction } from './function.ts';

const TYPE_ARGUMENT = 'type-argument';

/**
 * The value the evaluator passes for a type-expression argument (the second argument of
 * `convert(value, list(string))`): functions listed in `TYPE_EXPRESSION_ARGUMENTS` expect it.
 */
export function typeArgumentValue(type: Type): Value {
  return stringVal(JSON.stringify(typeToJson(type))).mark(TYPE_ARGUMENT);
}

/** Function name → indexes of the arguments the evaluator must decode as type constraints. */
export const TYPE_EXPRESSION_ARGUMENTS: ReadonlyMap<string, readonly number[]> = new Map([['convert', [1]]]);

function typeFromArgument(v: Value): Type {
  if (!v.marks.has(TYPE_ARGUMENT))
    throw new ArgumentError(1, 'a type expression is required, such as list(string)');
  return typeFromJson(JSON.parse(v.unmark().asString()));
}

export function conversionFunctions(): KilnFunction[] {
  return [
    defineFunction('convert', {
      description: 'Converts a value to the type given as a type expression.',
      params: [
        param('value', DYNAMIC, {
          allowNull: true,
          allowUnknown: true,
          allowMarked: true,
          allowDynamicType: true,
        }),
        param('type', STRING, { allowMarked: true }),
      ],
      returns: (args) => typeFromArgument(arg(args, 1)),
      impl: (args, ret) => {
        try {
          return convert(arg(args, 0), ret);
        } catch (error) {
          if (error instanceof ValueError) throw new ArgumentError(0, error.message);
          throw error;
        }
      },
    }),
    tryFunction(),
    canFunction(),
  ];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `try(exprs...)`: the first argument expression that evaluates without error. */
function tryFunction(): KilnFunction {
  return {
    name: 'try',
    description: 'The result of the first argument expression that evaluates without errors.',
    params: [],
    variadic: param('expressions', DYNAMIC),
    returnType: () => DYNAMIC,
    impl: () => {
      throw new ValueError('try must be called with unevaluated arguments');
    },
    lazy: (thunks: readonly ArgThunk[]) => {
      if (thunks.length === 0) throw new ValueError('at least one argument is required');
      const failures: string[] = [];
      for (const thunk of thunks) {
        let v: Value;
        try {
          v = thunk();
        } catch (error) {
          // An evaluation out of budget stops; it is not a failure `try` may pass over.
          if (error instanceof BudgetExceeded) throw error;
          failures.push(describe(error));
          continue;
        }
        // An unknown result might still fail once known, so the answer is not known yet either.
        if (!v.isWhollyKnown) return unknownVal(DYNAMIC);
        return v;
      }
      throw new ValueError(
        `no expression succeeded:\n${failures.map((f) => `- ${f}`).join('\n')}\n\nAt least one expression must produce a successful result`,
      );
    },
  };
}

/** `can(expr)`: whether the argument expression evaluates without error. */
function canFunction(): KilnFunction {
  return {
    name: 'can',
    description: 'Whether the argument expression evaluates without errors.',
    params: [param('expression', DYNAMIC)],
    returnType: () => BOOL,
    impl: () => {
      throw new ValueError('can must be called with an unevaluated argument');
    },
    lazy: (thunks: readonly ArgThunk[]) => {
      const thunk = thunks[0];
      if (!thunk) throw new ValueError('can requires one argument');
      try {
        const v = thunk();
        return v.isWhollyKnown ? boolVal(true) : unknownVal(BOOL);
      } catch (error) {
        if (error instanceof BudgetExceeded) throw error;
        return boolVal(false);
      }
    },
  };
}
