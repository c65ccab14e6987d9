import type { FormatToken, FormatTokenKind } from './format-tokens.ts';

/**
 * One source line split in up to three cells, as HCL's canonical formatter does: `lead` (up to an
 * attribute's `=`), `assign` (from the `=` on, when the value ends on this line) and `comment`
 * (a trailing line comment). The first token of `assign` and of `comment` is aligned with the
 * neighbouring lines.
 */
interface Line {
  lead: FormatToken[];
  assign?: FormatToken[];
  comment?: FormatToken[];
}

const NIL: FormatToken = { kind: 'eof', text: '', spacesBefore: 0 };

function bracketChange(token: FormatToken): number {
  switch (token.kind) {
    case 'open-brace':
    case 'open-bracket':
    case 'open-paren':
    case 'interp':
    case 'control':
      return 1;
    case 'close-brace':
    case 'close-bracket':
    case 'close-paren':
    case 'seq-end':
      return -1;
    default:
      return 0;
  }
}

function netBrackets(tokens: readonly FormatToken[]): number {
  return tokens.reduce((sum, t) => sum + bracketChange(t), 0);
}

function endsLine(token: FormatToken): boolean {
  return token.kind === 'newline' || (token.kind === 'comment' && token.text.endsWith('\n'));
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

function graphemes(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

function columns(tokens: readonly FormatToken[] | undefined): number {
  if (!tokens) return 0;
  return tokens.reduce((sum, t) => sum + t.spacesBefore + graphemes(t.text), 0);
}

function splitLines(tokens: FormatToken[]): Line[] {
  const lines: Line[] = [];
  let current: FormatToken[] = [];
  for (const token of tokens) {
    if (token.kind === 'eof') break;
    current.push(token);
    if (endsLine(token)) {
      lines.push({ lead: current });
      current = [];
    }
  }
  lines.push({ lead: current });
  for (const line of lines) {
    const last = line.lead.at(-1);
    if (line.lead.length > 1 && last?.kind === 'comment') {
      line.comment = [last];
      line.lead = line.lead.slice(0, -1);
    }
    const eq = line.lead.findIndex((t, i) => i > 0 && t.kind === 'equal');
    if (eq > 0 && netBrackets(line.lead.slice(eq)) === 0) {
      line.assign = line.lead.slice(eq);
      line.lead = line.lead.slice(0, eq);
    }
  }
  return lines;
}

function indentLines(lines: Line[]): void {
  const indents: number[] = [];
  for (const line of lines) {
    const first = line.lead[0];
    if (!first) continue;
    if (first.kind === 'newline') {
      first.spacesBefore = 0;
      continue;
    }
    let net = 0;
    for (const token of line.lead) {
      net += bracketChange(token);
      if (token.kind === 'open-heredoc') break;
    }
    net += netBrackets(line.assign ?? []);
    if (net > 0) {
      first.spacesBefore = 2 * indents.length;
      indents.push(net);
      continue;
    }
    let closed = -net;
    while (closed > 0 && indents.length > 0) {
      const top = indents[indents.length - 1] ?? 0;
      if (closed > top) {
        closed -= top;
        indents.pop();
      } else if (closed < top) {
        indents[indents.length - 1] = top - closed;
        closed = 0;
      } else {
        indents.pop();
        closed = 0;
      }
    }
    first.spacesBefore = 2 * indents.length;
  }
}

const NEGATION_CONTEXT = new Set<FormatTokenKind>([
  'eof',
  'open-paren',
  'open-brace',
  'open-bracket',
  'equal',
  'colon',
  'comma',
  'question',
  'arithmetic',
  'minus',
  'comparison',
  'logical',
  'bang',
]);

function isLiteralEdge(subject: FormatToken, after: FormatToken): boolean {
  return (
    subject.kind === 'quoted-lit' ||
    subject.kind === 'string-lit' ||
    subject.kind === 'open-quote' ||
    subject.kind === 'open-heredoc' ||
    after.kind === 'quoted-lit' ||
    after.kind === 'string-lit' ||
    after.kind === 'close-quote' ||
    after.kind === 'close-heredoc'
  );
}

/** Whether `subject` is followed by a space, given its neighbours within the cell. */
function spaceAfter(subject: FormatToken, before: FormatToken, after: FormatToken): boolean {
  if (after.kind === 'newline' || after === NIL) return false;
  if (subject.kind === 'ident' && after.kind === 'open-paren') return false;
  if (subject.kind === 'dot' || after.kind === 'dot') return false;
  if (after.kind === 'comma' || after.kind === 'ellipsis') return false;
  if (subject.kind === 'comma') return true;
  if (isLiteralEdge(subject, after)) return false;
  if (subject.kind === 'ident' && subject.text === 'in' && before.kind === 'ident') return true;
  if (
    after.kind === 'open-bracket' &&
    (subject.kind === 'ident' || subject.kind === 'number' || bracketChange(subject) < 0)
  )
    return false;
  if (subject.kind === 'bang') return false;
  if (subject.kind === 'minus') return !NEGATION_CONTEXT.has(before.kind);
  if (subject.kind === 'open-brace' || after.kind === 'close-brace')
    return !(subject.kind === 'open-brace' && after.kind === 'close-brace');
  if ((subject.kind === 'interp' || subject.kind === 'control') && after.kind === 'open-brace') return true;
  if (subject.kind === 'close-brace' && after.kind === 'seq-end') return true;
  if (subject.kind === 'seq-end' && (after.kind === 'interp' || after.kind === 'control')) return false;
  if (bracketChange(subject) > 0) return false;
  if (bracketChange(after) < 0) return false;
  return true;
}

function spaceCell(cell: FormatToken[]): void {
  for (let i = 0; i < cell.length - 1; i++) {
    const subject = cell[i] as FormatToken;
    const after = cell[i + 1] as FormatToken;
    after.spacesBefore = spaceAfter(subject, i > 0 ? (cell[i - 1] as FormatToken) : NIL, after) ? 1 : 0;
  }
}

function spaceLines(lines: Line[]): void {
  for (const line of lines) {
    spaceCell(line.lead);
    const first = line.assign?.[0];
    if (first) first.spacesBefore = 1;
    if (line.assign) spaceCell(line.assign);
  }
}

/** Aligns the first token of a cell across each run of consecutive lines that have that cell. */
function alignCells(lines: Line[], cell: 'assign' | 'comment', width: (line: Line) => number): void {
  let run: Line[] = [];
  const close = () => {
    const max = Math.max(...run.map(width));
    for (const line of run) {
      const first = line[cell]?.[0];
      if (first) first.spacesBefore = max - width(line) + 1;
    }
    run = [];
  };
  for (const line of lines) {
    if (line[cell]) run.push(line);
    else if (run.length > 0) close();
  }
  if (run.length > 0) close();
}

/** Rewrites the spaces before each token, in place, to HCL's canonical layout. */
export function layoutTokens(tokens: FormatToken[]): void {
  const lines = splitLines(tokens);
  indentLines(lines);
  spaceLines(lines);
  alignCells(lines, 'assign', (line) => columns(line.lead));
  alignCells(lines, 'comment', (line) => columns(line.lead) + columns(line.assign));
}

export function writeTokens(tokens: readonly FormatToken[]): string {
  let out = '';
  for (const token of tokens) out += ' '.repeat(token.spacesBefore) + token.text;
  return out;
}
