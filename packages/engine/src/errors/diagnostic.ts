/** A position in a source file. Lines and columns count from 1; byte counts from 0 (UTF-8 bytes, like HCL). */
export interface Pos {
  line: number;
  column: number;
  byte: number;
}

/** A span of one source file, end exclusive, as `hcl.Range`. */
export interface SourceRange {
  filename: string;
  start: Pos;
  end: Pos;
}

export type Severity = 'error' | 'warning';

/** One finding about a template. Validation returns all of them; it never stops at the first. */
export interface Diagnostic {
  severity: Severity;
  /** One line, like `Unsupported block type`. */
  summary: string;
  /** Further explanation; may be several sentences. */
  detail?: string;
  /** Where the problem is. Absent only for problems that belong to no file (e.g. a bad -var flag). */
  subject?: SourceRange;
  /** A wider range that gives the subject its context, e.g. the whole attribute. */
  context?: SourceRange;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function errorDiagnostic(summary: string, detail?: string, subject?: SourceRange): Diagnostic {
  return {
    severity: 'error',
    summary,
    ...(detail === undefined ? {} : { detail }),
    ...(subject ? { subject } : {}),
  };
}
