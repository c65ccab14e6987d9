import { type Diagnostic, formatDiagnostic, type StepError, type StepFailureClass } from '@kiln/engine';
import { isKilnError, type KilnErrorCode } from '@kiln/api';
import { ApplicationFailure } from '@temporalio/common';
import { FAILURE_CLASSES, PERMANENT_FAILURE_CLASSES } from './types.ts';

/** Classifies what a step threw: plugins mark their failures with `failureClass`; an aborted run is cancelled. */
export function classifyStepError(error: unknown, signal: AbortSignal): StepError {
  const message = error instanceof Error ? error.message : String(error);
  if (signal.aborted) return { class: 'cancelled', message };
  const declared = (error as { failureClass?: unknown } | null)?.failureClass;
  if (typeof declared === 'string' && (FAILURE_CLASSES as readonly string[]).includes(declared)) {
    return { class: declared as StepFailureClass, message };
  }
  return { class: 'internal', message };
}

/** The Temporal failure for a classified error: its type is the class, permanent classes do not retry. */
export function toApplicationFailure(error: StepError, cause?: unknown): ApplicationFailure {
  return ApplicationFailure.create({
    type: error.class,
    message: error.message,
    nonRetryable: PERMANENT_FAILURE_CLASSES.includes(error.class),
    ...(cause instanceof Error ? { cause } : {}),
  });
}

/** A template that cannot run: every error diagnostic, formatted with file, line and column. */
export function badConfigFailure(
  what: string,
  diagnostics: readonly Diagnostic[],
  files: Record<string, string> = {},
): ApplicationFailure {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const text = errors.map((d) => formatDiagnostic(d, files)).join('\n\n');
  return toApplicationFailure({ class: 'bad-config', message: `${what}:\n${text}` });
}

/** Whether retrying can help, per domain error code; the one place the worker maps `KilnError` codes. */
const RETRYABLE_CODES: Record<KilnErrorCode, boolean> = {
  NOT_FOUND: false,
  INVALID: false,
  CONFLICT: false,
  FORBIDDEN: false,
  UNAUTHENTICATED: false,
  PRECONDITION_FAILED: false,
  RATE_LIMITED: true,
  INTERNAL: true,
};

/** What an activity throws: a `KilnError` becomes an ApplicationFailure of type `KilnError.<code>`. */
export function toActivityFailure(error: unknown): unknown {
  if (!isKilnError(error)) return error;
  return ApplicationFailure.create({
    type: `KilnError.${error.code}`,
    message: error.message,
    nonRetryable: !RETRYABLE_CODES[error.code],
    cause: error,
  });
}

/** Wraps an activity so the domain errors it throws reach Temporal with the right retry behaviour. */
export function mappingFailures<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await fn(...args);
    } catch (error) {
      throw toActivityFailure(error);
    }
  };
}
