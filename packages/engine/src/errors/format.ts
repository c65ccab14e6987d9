import type { Diagnostic } from './diagnostic.ts';

/** Source files by name, to show the offending line. */
export type SourceFiles = ReadonlyMap<string, string> | Record<string, string>;

function lookup(files: SourceFiles, name: string): string | undefined {
  return files instanceof Map ? files.get(name) : (files as Record<string, string>)[name];
}

/**
 * Renders a diagnostic the way Packer prints it:
 *
 *   Error: Unsupported block type
 *
 *     on demo.pkr.hcl line 3:
 *      3: sorce "file" "x" {
 *
 *   Blocks of type "sorce" are not expected here.
 */
export function formatDiagnostic(diagnostic: Diagnostic, files: SourceFiles = new Map()): string {
  const head = `${diagnostic.severity === 'error' ? 'Error' : 'Warning'}: ${diagnostic.summary}`;
  const parts = [head];
  const subject = diagnostic.subject;
  if (subject) {
    const where = `  on ${subject.filename} line ${subject.start.line}:`;
    const text = lookup(files, subject.filename);
    const line = text?.split(/\r?\n/)[subject.start.line - 1];
    parts.push(line === undefined ? where : `${where}\n  ${String(subject.start.line).padStart(2)}: ${line}`);
  }
  if (diagnostic.detail) parts.push(diagnostic.detail);
  return parts.join('\n\n');
}

/** `file:line:column: summary` on one line, for logs and compact lists. */
export function diagnosticLocation(diagnostic: Diagnostic): string {
  const s = diagnostic.subject;
  return s ? `${s.filename}:${s.start.line}:${s.start.column}` : '<no file>';
}
