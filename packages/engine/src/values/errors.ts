/** One step of the path to a nested value: an attribute name, or an index (list position or map key). */
export type PathStep = { readonly attribute: string } | { readonly index: string | number };

/**
 * A value operation that failed: a conversion, an operator on unsuitable operands,
 * a function argument. The message is written for a template author, without a
 * trailing period, and starts with the path when the problem is nested
 * (`element 0: string required`). The evaluator turns it into a diagnostic.
 */
export class ValueError extends Error {
  override readonly name: string = 'ValueError';
  constructor(
    /** The reason, without path, e.g. `string required`. */
    readonly reason: string,
    readonly path: readonly PathStep[] = [],
    options?: { cause?: unknown },
  ) {
    super(path.length > 0 ? `${formatPath(path)}: ${reason}` : reason, options);
  }

  /** The same error, one step further from the root (used while descending into collections). */
  under(step: PathStep): ValueError {
    return new ValueError(this.reason, [step, ...this.path], { cause: this.cause });
  }
}

/**
 * An operation whose operands were fine but which has no result (`0/0`, `Inf - Inf`): HCL reports
 * it as "Operation failed", apart from unsuitable operands.
 */
export class OperationError extends ValueError {
  override readonly name: string = 'OperationError';
}

/** `element 0`, `attribute "name"`, `element "key"`, joined by `, ` ... as cty's path error prefixes. */
export function formatPath(path: readonly PathStep[]): string {
  const last = path[path.length - 1];
  if (!last) return '';
  const prefix = path
    .slice(0, -1)
    .map((s) => ('attribute' in s ? `.${s.attribute}` : `[${JSON.stringify(s.index)}]`))
    .join('');
  const head =
    'attribute' in last ? `attribute "${last.attribute}"` : `element ${JSON.stringify(last.index)}`;
  return prefix ? `${head} of ${prefix.replace(/^\./, '')}` : head;
}

/** Runs `fn`, re-throwing a ValueError one path step deeper. */
export function withPath<T>(step: PathStep, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ValueError) throw error.under(step);
    throw error;
  }
}
