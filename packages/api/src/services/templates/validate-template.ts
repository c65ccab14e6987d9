import { diagnoseTemplate, type TemplateDiagnostic } from './template-diagnostics.ts';

/** Diagnostics for the live editor; touches no data, so it needs no tenant. */
export function validateTemplate(input: { filename: string; content: string }): {
  valid: boolean;
  diagnostics: TemplateDiagnostic[];
} {
  const diagnostics = diagnoseTemplate(input);
  return { valid: diagnostics.every((d) => d.severity !== 'error'), diagnostics };
}
