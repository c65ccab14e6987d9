import type { StepFailureClass } from '@kiln/engine';

/** A plugin failure that knows its class, so the run's status and retry policy follow it. */
export class PluginFailure extends Error {
  override readonly name = 'PluginFailure';

  constructor(
    readonly failureClass: StepFailureClass,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
