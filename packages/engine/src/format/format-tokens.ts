import type { Diagnostic } from '../errors/diagnostic.ts';
import { Lexer } from '../parse/native/lexer.ts';
import type { Token } from '../parse/native/token.ts';

/** Token kinds the layout rules tell apart (hclsyntax's token types, by role). */
export type FormatTokenKind =
  | 'ident'
  | 'number'
  | 'open-quote'
  | 'close-quote'
  | 'open-heredoc'
  | 'close-heredoc'
  | 'quoted-lit'
  | 'string-lit'
  | 'interp'
  | 'control'
  | 'seq-end'
  | 'open-brace'
  | 'close-brace'
  | 'open-bracket'
  | 'close-bracket'
  | 'open-paren'
  | 'close-paren'
  | 'comma'
  | 'dot'
  | 'ellipsis'
  | 'equal'
  | 'colon'
  | 'question'
  | 'minus'
  | 'arithmetic'
  | 'comparison'
  | 'logical'
  | 'bang'
  | 'operator'
  | 'comment'
  | 'newline'
  | 'eof'
  | 'invalid';

/** A token as the formatter sees it: its exact source text and the spaces written before it. */
export interface FormatToken {
  kind: FormatTokenKind;
  text: string;
  spacesBefore: number;
}

const PUNCT_KINDS: Record<string, FormatTokenKind> = {
  '{': 'open-brace',
  '}': 'close-brace',
  '[': 'open-bracket',
  ']': 'close-bracket',
  '(': 'open-paren',
  ')': 'close-paren',
  ',': 'comma',
  '.': 'dot',
  '...': 'ellipsis',
  '=': 'equal',
  ':': 'colon',
  '?': 'question',
  '-': 'minus',
  '+': 'arithmetic',
  '*': 'arithmetic',
  '/': 'arithmetic',
  '%': 'arithmetic',
  '==': 'comparison',
  '!=': 'comparison',
  '<': 'comparison',
  '<=': 'comparison',
  '>': 'comparison',
  '>=': 'comparison',
  '&&': 'logical',
  '||': 'logical',
  '!': 'bang',
  '=>': 'operator',
};

/** Splits the whitespace and block comments the lexer skips between two tokens. */
function gapTokens(gap: string): { tokens: FormatToken[]; trailingSpaces: number } {
  const tokens: FormatToken[] = [];
  let spaces = 0;
  let i = 0;
  while (i < gap.length) {
    if (gap.startsWith('/*', i)) {
      const end = gap.indexOf('*/', i + 2);
      const stop = end === -1 ? gap.length : end + 2;
      tokens.push({ kind: 'comment', text: gap.slice(i, stop), spacesBefore: spaces });
      spaces = 0;
      i = stop;
    } else if (gap[i] === '#' || gap.startsWith('//', i)) {
      // A line comment at the very end of the input, without its newline.
      tokens.push({ kind: 'comment', text: gap.slice(i), spacesBefore: spaces });
      spaces = 0;
      i = gap.length;
    } else {
      spaces++;
      i++;
    }
  }
  return { tokens, trailingSpaces: spaces };
}

function kindOf(token: Token, text: string, inHeredoc: boolean): FormatTokenKind {
  switch (token.type) {
    case 'ident':
      return 'ident';
    case 'number':
      return 'number';
    case 'open-quote':
      return 'open-quote';
    case 'close-quote':
      return 'close-quote';
    case 'open-heredoc':
      return 'open-heredoc';
    case 'close-heredoc':
      return 'close-heredoc';
    case 'template-literal':
      return inHeredoc ? 'string-lit' : 'quoted-lit';
    case 'template-interp':
      return 'interp';
    case 'template-control':
      return 'control';
    case 'template-seq-end':
      return 'seq-end';
    case 'newline':
      return text.startsWith('#') || text.startsWith('//') ? 'comment' : 'newline';
    case 'eof':
      return 'eof';
    case 'invalid':
      return 'invalid';
    case 'punct':
      return PUNCT_KINDS[token.text] ?? 'operator';
  }
}

/**
 * The lexer's tokens plus the comments it skips, each with the text it covers in the source.
 * Like hclsyntax, a heredoc opener holds its line break, a heredoc closer holds its indentation,
 * a line comment holds its line break and a CRLF line break stays whole.
 */
export function formatTokens(
  content: string,
  filename: string,
): { tokens: FormatToken[]; diagnostics: Diagnostic[] } {
  const bytes = Buffer.from(content, 'utf8');
  const slice = (from: number, to: number) => bytes.subarray(from, to).toString('utf8');
  const { tokens: lexed, diagnostics } = Lexer.tokenize(content, filename);
  const out: FormatToken[] = [];
  let offset = 0;
  const heredocs: boolean[] = [];
  for (const token of lexed) {
    let start = token.range.start.byte;
    let end = token.range.end.byte;
    let gap = slice(offset, start);
    if (token.type === 'close-heredoc') {
      const lineStart = gap.lastIndexOf('\n') + 1;
      start -= Buffer.byteLength(gap.slice(lineStart));
      gap = gap.slice(0, lineStart);
    }
    if (token.type === 'newline' && token.text === '\n' && gap.endsWith('\r') && bytes[start] === 0x0a) {
      start -= 1;
      gap = gap.slice(0, -1);
    }
    if (token.type === 'open-heredoc') {
      if (bytes[end] === 0x0d) end++;
      if (bytes[end] === 0x0a) end++;
    }
    const { tokens: skipped, trailingSpaces } = gapTokens(gap);
    out.push(...skipped);
    const text = slice(start, end);
    const kind = kindOf(token, text, heredocs.at(-1) === true);
    if (token.type === 'open-quote') heredocs.push(false);
    if (token.type === 'open-heredoc') heredocs.push(true);
    if (token.type === 'template-interp' || token.type === 'template-control') heredocs.push(false);
    if (token.type === 'template-seq-end' || token.type === 'close-quote' || token.type === 'close-heredoc')
      heredocs.pop();
    out.push({ kind, text, spacesBefore: trailingSpaces });
    offset = end;
  }
  return { tokens: out, diagnostics };
}
