/** A diagnostic as the api sends it: flat, with the offending source line when it has one. */
export interface TemplateDiagnosticData {
  severity: 'error' | 'warning';
  summary: string;
  detail: string | null;
  filename: string | null;
  line: number | null;
  column: number | null;
  sourceLine: string | null;
}

export interface DiagnosticView {
  key: string;
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
  /** `file:line:column`, or undefined for a problem that belongs to no file. */
  location?: string;
  line?: string;
  /** Column (1-based) where the caret goes under `line`. */
  column?: number;
}

/** The 1-based line of `content`, without its line break; undefined past the end. */
export function sourceLine(content: string, line: number): string | undefined {
  if (line < 1) return undefined;
  return content.split(/\r?\n/)[line - 1];
}

/** Diagnostics as the UI shows them; a missing source line is looked up in the files given. */
export function diagnosticViews(
  diagnostics: readonly TemplateDiagnosticData[],
  files: Record<string, string> = {},
): DiagnosticView[] {
  return diagnostics.map((d, index) => {
    const view: DiagnosticView = { key: `${index}:${d.summary}`, severity: d.severity, summary: d.summary };
    if (d.detail) view.detail = d.detail;
    if (d.filename === null || d.line === null) return view;
    const column = d.column ?? 1;
    view.location = `${d.filename}:${d.line}:${column}`;
    const content = files[d.filename];
    const line = d.sourceLine ?? (content === undefined ? undefined : sourceLine(content, d.line));
    if (line !== undefined) {
      view.line = line;
      view.column = column;
    }
    return view;
  });
}
