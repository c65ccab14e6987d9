import { type Diagnostic, parseTemplate } from '@kiln/engine';
import { KilnError } from '../../errors.ts';

/** A diagnostic as the UI and API show it: flat, with the offending source line. */
export interface TemplateDiagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail: string | null;
  filename: string | null;
  line: number | null;
  column: number | null;
  sourceLine: string | null;
}

export interface TemplateFile {
  filename: string;
  content: string;
}

export function toTemplateDiagnostic(
  diagnostic: Diagnostic,
  files: readonly TemplateFile[],
): TemplateDiagnostic {
  const subject = diagnostic.subject;
  const file = subject ? files.find((f) => f.filename === subject.filename) : undefined;
  const sourceLine = subject && file ? (file.content.split(/\r?\n/)[subject.start.line - 1] ?? null) : null;
  return {
    severity: diagnostic.severity,
    summary: diagnostic.summary,
    detail: diagnostic.detail ?? null,
    filename: subject?.filename ?? null,
    line: subject?.start.line ?? null,
    column: subject?.start.column ?? null,
    sourceLine,
  };
}

/**
 * Every diagnostic the engine finds in the template, errors and warnings alike. Without `inputs`
 * (a template being saved or edited), a variable without a value is a warning: its value comes with
 * the run (`-var`, var files). With `inputs` (a run being started), it is the error Packer reports.
 */
export function diagnoseTemplate(
  file: TemplateFile,
  inputs?: { variables?: Record<string, string>; varFiles?: TemplateFile[] },
): TemplateDiagnostic[] {
  const varFiles = inputs?.varFiles ?? [];
  const { diagnostics } = parseTemplate([file], {
    ...(inputs?.variables ? { variables: inputs.variables } : {}),
    ...(varFiles.length > 0 ? { varFiles } : {}),
  });
  return diagnostics.map((d) => {
    const shown = toTemplateDiagnostic(d, [file, ...varFiles]);
    if (inputs || d.severity !== 'error' || d.summary !== UNSET_VARIABLE) return shown;
    return {
      ...shown,
      severity: 'warning' as const,
      detail: `${shown.detail ?? ''} Give it a value when you start a run (-var or a var file).`.trim(),
    };
  });
}

const UNSET_VARIABLE = 'Unset variable';

/** Refuses a template with errors: KilnError INVALID whose details carry all diagnostics. */
export function assertTemplateValid(
  file: TemplateFile,
  inputs?: { variables?: Record<string, string>; varFiles?: TemplateFile[] },
): TemplateDiagnostic[] {
  const diagnostics = diagnoseTemplate(file, inputs);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0]!;
    const where = first.filename ? ` (${first.filename}:${first.line}:${first.column})` : '';
    throw new KilnError(
      'INVALID',
      `template ${file.filename} has ${errors.length} error(s); first: ${first.summary}${where}`,
      { details: { diagnostics } },
    );
  }
  return diagnostics;
}

export function templateTypeOf(filename: string): 'hcl2' | 'json' {
  return filename.endsWith('.json') ? 'json' : 'hcl2';
}
