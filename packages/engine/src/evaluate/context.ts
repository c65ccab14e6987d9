import type { KilnFunction } from '../functions/function.ts';
import type { EvaluationBudget } from '../values/limits.ts';
import type { Value } from '../values/value.ts';

/** A function callable from expressions (see `functions/`). */
export type HclFunction = KilnFunction;

/** What an expression can see: root variables (`var`, `local`, `source`, ...) and functions. */
export interface EvalContext {
  variables: ReadonlyMap<string, Value>;
  functions: ReadonlyMap<string, HclFunction>;
  /**
   * The build as the Go templates of plugin settings know it (`{{ build_name }}`): the source's
   * own type and name, which a build's `source` block that renames it does not change.
   */
  packerBuild?: { name: string; type: string };
  /**
   * The steps the evaluations under this context may still take (see `values/limits.ts`),
   * shared by the contexts made from it; without one, each evaluation has its own.
   */
  budget?: EvaluationBudget;
}

export function evalContext(
  variables: Record<string, Value> | ReadonlyMap<string, Value>,
  functions: ReadonlyMap<string, HclFunction> = new Map(),
): EvalContext {
  return { variables: variables instanceof Map ? variables : new Map(Object.entries(variables)), functions };
}

/** The same context with more root variables (later ones win). */
export function withVariables(ctx: EvalContext, extra: Record<string, Value>): EvalContext {
  const variables = new Map(ctx.variables);
  for (const [name, value] of Object.entries(extra)) variables.set(name, value);
  return { ...ctx, variables };
}
