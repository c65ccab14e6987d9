import { parseGoDuration } from '../functions/go-duration.ts';

/** Why a `pause_before` or `timeout` is not a Go duration, in Go's words; undefined when it is one. */
export function durationProblem(text: string): string | undefined {
  try {
    parseGoDuration(text.trim());
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Parses a Go duration (`1h30m`, `5s`, `250ms`) into milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  try {
    return parseGoDuration(text.trim());
  } catch {
    return undefined;
  }
}
