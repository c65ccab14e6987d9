import { KilnError } from '../errors.ts';

/** The code of the KilnError `fn` throws; undefined when it returns. */
export function kilnErrorCodeOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof KilnError ? error.code : 'not a KilnError';
  }
}
