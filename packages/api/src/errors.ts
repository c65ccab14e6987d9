export const KILN_ERROR_CODES = [
  'NOT_FOUND',
  'INVALID',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'PRECONDITION_FAILED',
  'RATE_LIMITED',
  'INTERNAL',
] as const;

export type KilnErrorCode = (typeof KILN_ERROR_CODES)[number];

/** The one domain error. Each transport maps `code` once (tRPC in routers/trpc.ts, HTTP in rest/errors.ts). */
export class KilnError extends Error {
  override readonly name = 'KilnError';
  readonly code: KilnErrorCode;
  readonly details: unknown;

  constructor(code: KilnErrorCode, message: string, options: { details?: unknown; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }

  static notFound(what: string, details?: unknown): KilnError {
    return new KilnError('NOT_FOUND', `${what} was not found`, { details });
  }
}

export function isKilnError(error: unknown): error is KilnError {
  return error instanceof KilnError;
}
