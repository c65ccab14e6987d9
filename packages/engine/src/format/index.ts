import type { Diagnostic } from '../errors/diagnostic.ts';
import { hasErrors } from '../errors/diagnostic.ts';
import { parseNativeFile } from '../parse/native/index.ts';
import { formatTokens } from './format-tokens.ts';
import { layoutTokens, writeTokens } from './layout.ts';

export interface FormatResult {
  /** The canonical text; the input unchanged when it does not parse. */
  output: string;
  /** Parse errors; formatting happens only when there are none. */
  diagnostics: Diagnostic[];
}

/**
 * Lays out HCL native syntax the way `packer fmt` does: indentation of two spaces per open
 * bracket level, one space between most tokens, `=` of consecutive single-line attributes and
 * trailing comments aligned, trailing spaces removed. Only whitespace changes; comments stay.
 */
export function formatHcl(content: string, filename = '<stdin>'): FormatResult {
  const parsed = parseNativeFile(content, filename);
  const { diagnostics } = parsed;
  if (hasErrors(diagnostics)) return { output: content, diagnostics };
  const { tokens } = formatTokens(content, filename);
  layoutTokens(tokens);
  return { output: writeTokens(tokens), diagnostics };
}
