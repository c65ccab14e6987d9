import { type Diagnostic, formatDiagnostic } from '@kiln/engine';
import type { CliIo } from './io.ts';

/** Prints diagnostics as Packer does (errors and warnings on stderr); returns 1 when any is an error. */
export function writeDiagnostics(
  io: CliIo,
  diagnostics: readonly Diagnostic[],
  sources: Map<string, string>,
): number {
  let rc = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') rc = 1;
    io.stderr(`${formatDiagnostic(d, sources)}\n\n`);
  }
  return rc;
}
