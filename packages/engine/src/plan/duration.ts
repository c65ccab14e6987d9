const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Parses a Go duration (`1h30m`, `5s`, `250ms`) into milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const pattern = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (let m = pattern.exec(trimmed); m; m = pattern.exec(trimmed)) {
    total += Number(m[1]) * (UNITS[m[2] as string] ?? 0);
    consumed = pattern.lastIndex;
  }
  return consumed === trimmed.length && consumed > 0 ? total : undefined;
}
