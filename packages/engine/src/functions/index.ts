/**
 * Packer's HCL2 function library over `../values`.
 *
 * `createFunctionTable(ctx)` gives every function by name; the evaluator calls one with
 * `callFunction(fn, args)` (or `callLazyFunction(fn, thunks)` when `fn.lazy` is set: `try`,
 * `can`), and turns a thrown `FunctionCallError` into a diagnostic (`summary`, `message`,
 * `argIndex`). Everything outside the process (files, clock, environment, hashing, secrets,
 * template rendering) comes from the `FunctionContext`; `createNodeFunctionContext` in
 * `./node-context.ts` builds one over Node's modules and is kept out of this index so that
 * code that must not load `node:*` can still use the library.
 */
export type {
  EntryKind,
  FunctionContext,
  HashAlgorithm,
  SecretProvider,
  TemplateRenderer,
} from './context.ts';
export { TYPE_EXPRESSION_ARGUMENTS, typeArgumentValue } from './conversion.ts';
export {
  type ArgThunk,
  ArgumentError,
  FunctionCallError,
  type FunctionCallSummary,
  type KilnFunction,
  type Parameter,
  callFunction,
  callLazyFunction,
} from './function.ts';
export { formatString } from './format.ts';
export { createFunctionTable } from './table.ts';
