import { isKilnError, type KilnErrorCode } from '@kiln/api';

const STATUS: Record<KilnErrorCode, number> = {
  NOT_FOUND: 404,
  INVALID: 400,
  CONFLICT: 409,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  PRECONDITION_FAILED: 412,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export interface PublicFailure {
  status: number;
  /** Safe to show: a KilnError's own message (written for users), else a plain "internal error". */
  message: string;
  /** True when the cause stays in the server log only (driver errors, stacks, connection strings). */
  internal: boolean;
}

/** What a client may learn about a failure. Only KilnErrors speak; anything else is an internal error. */
export function publicFailure(error: unknown): PublicFailure {
  if (isKilnError(error) && error.code !== 'INTERNAL')
    return { status: STATUS[error.code], message: error.message, internal: false };
  return { status: 500, message: 'internal error', internal: true };
}
