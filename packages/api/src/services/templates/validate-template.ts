import type { PluginRegistry } from '@kiln/engine';
import { diagnoseTemplate, type TemplateDiagnostic } from './template-diagnostics.ts';

/**
 * Diagnostics for the live editor; touches no data, so it needs no tenant. With the plugins the
 * worker runs, they are the ones a build would stop on.
 */
export function validateTemplate(
  input: { filename: string; content: string },
  deps: { plugins?: PluginRegistry } = {},
): {
  valid: boolean;
  diagnostics: TemplateDiagnostic[];
} {
  const diagnostics = diagnoseTemplate(input, deps.plugins);
  return { valid: diagnostics.every((d) => d.severity !== 'error'), diagnostics };
}
