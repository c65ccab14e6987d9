import {
  validateTemplate as checkAgainstPlugins,
  type Diagnostic,
  hasErrors,
  type PluginRegistry,
  parseTemplate,
} from '@kiln/engine';
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
 * Every diagnostic the engine finds in the template, errors and warnings alike. With `plugins`, a
 * template whose language is right is also checked against them (unknown types, unknown and
 * missing settings, each plugin's prepare()), as `kiln validate` checks it.
 */
export function diagnoseTemplate(file: TemplateFile, plugins?: PluginRegistry): TemplateDiagnostic[] {
  const { template, diagnostics } = parseTemplate([file]);
  const all = [...diagnostics];
  if (plugins && template && !hasErrors(diagnostics)) all.push(...checkAgainstPlugins(template, plugins));
  return all.map((d) => toTemplateDiagnostic(d, [file]));
}

/** Refuses a template with errors: KilnError INVALID whose details carry all diagnostics. */
export function assertTemplateValid(file: TemplateFile): TemplateDiagnostic[] {
  const diagnostics = diagnoseTemplate(file);
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
