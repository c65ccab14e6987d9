import type { SourceRange } from '../../errors/diagnostic.ts';

export type TokenType =
  | 'ident'
  | 'number'
  | 'open-quote'
  | 'close-quote'
  | 'open-heredoc'
  | 'close-heredoc'
  /** Literal text of a quoted string or heredoc; quoted text still holds its escapes. */
  | 'template-literal'
  /** `${`, with `~` when it strips. */
  | 'template-interp'
  /** `%{`, with `~` when it strips. */
  | 'template-control'
  /** `}` closing a template sequence, with `~` when it strips. */
  | 'template-seq-end'
  | 'punct'
  | 'newline'
  | 'eof'
  | 'invalid';

export interface Token {
  type: TokenType;
  /** The source text; for `open-heredoc` the marker; for `punct` the operator. */
  text: string;
  range: SourceRange;
  /** `template-interp`/`template-control`: `~` after the opener; `template-seq-end`: `~` before `}`. */
  strip?: boolean;
  /** `open-heredoc`: `<<-` (indentation is removed). */
  flush?: boolean;
}
