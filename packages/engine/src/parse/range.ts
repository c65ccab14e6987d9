import type { SourceRange } from '../errors/diagnostic.ts';

/** The range from the start of `from` to the end of `to`. */
export function rangeBetween(from: SourceRange, to: SourceRange): SourceRange {
  return { filename: from.filename, start: from.start, end: to.end };
}

/** A zero-length range at the end of `range`. */
export function rangeAtEnd(range: SourceRange): SourceRange {
  return { filename: range.filename, start: range.end, end: range.end };
}

export function emptyRange(filename: string): SourceRange {
  const pos = { line: 1, column: 1, byte: 0 };
  return { filename, start: pos, end: pos };
}
