import { collectionFunctions } from './collection.ts';
import type { FunctionContext } from './context.ts';
import { conversionFunctions } from './conversion.ts';
import { cryptoFunctions } from './crypto.ts';
import { datetimeFunctions } from './datetime.ts';
import { encodingFunctions } from './encoding.ts';
import { filesystemFunctions } from './filesystem.ts';
import type { KilnFunction } from './function.ts';
import { ipnetFunctions } from './ipnet.ts';
import { numericFunctions } from './numeric.ts';
import { envFunction, secretFunctions } from './secrets.ts';
import { stringFunctions } from './string.ts';
import { timeParseFunctions } from './time-parse.ts';

/**
 * Every function Packer's HCL2 templates can call, bound to a context. `env` is included only
 * when `ctx.allowEnv` is set (Packer allows it in variable defaults only); `try` and `can` are
 * lazy (see `KilnFunction.lazy`); `convert` takes a type expression (see `TYPE_EXPRESSION_ARGUMENTS`).
 */
export function createFunctionTable(ctx: FunctionContext): Map<string, KilnFunction> {
  const table = new Map<string, KilnFunction>();
  const all = [
    ...stringFunctions(),
    ...numericFunctions(),
    ...collectionFunctions(),
    ...encodingFunctions(ctx),
    ...filesystemFunctions(ctx, { functions: () => table }),
    ...datetimeFunctions(ctx),
    ...timeParseFunctions(),
    ...cryptoFunctions(ctx),
    ...ipnetFunctions(),
    ...conversionFunctions(),
    ...secretFunctions(ctx),
    ...(ctx.allowEnv ? [envFunction(ctx)] : []),
  ];
  for (const fn of all) {
    if (table.has(fn.name)) throw new Error(`function "${fn.name}" is defined twice`);
    table.set(fn.name, fn);
  }
  return table;
}
