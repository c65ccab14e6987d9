import type { TemplateDiagnosticData } from './source-lines.ts';

function isDiagnostic(value: unknown): value is TemplateDiagnosticData {
  return (
    typeof value === 'object' &&
    value !== null &&
    'summary' in value &&
    'severity' in value &&
    typeof value.summary === 'string'
  );
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/**
 * The diagnostics a refused template carries (a tRPC error whose `data.kiln` is an INVALID KilnError with
 * `details.diagnostics`), or undefined when the failure was something else.
 */
export function refusalDiagnostics(error: unknown): TemplateDiagnosticData[] | undefined {
  const kiln = field(field(error, 'data'), 'kiln');
  if (field(kiln, 'code') !== 'INVALID') return undefined;
  const diagnostics = field(field(kiln, 'details'), 'diagnostics');
  if (!Array.isArray(diagnostics)) return undefined;
  const valid = diagnostics.filter(isDiagnostic);
  return valid.length > 0 ? valid : undefined;
}
