import type { SourceRange } from '../../errors/diagnostic.ts';
import type { Expression, TemplateExpr, TemplatePart } from '../ast.ts';
import { rangeBetween } from '../range.ts';
import { parseExpression } from './expression.ts';
import type { Token } from './token.ts';
import type { TokenStream } from './token-stream.ts';

/** A flat template item before directives are nested. */
type FlatPart =
  | { kind: 'literal'; text: string; range: SourceRange; lineStart: boolean }
  | { kind: 'interpolation'; expr: Expression; range: SourceRange; stripLeft: boolean; stripRight: boolean }
  | {
      kind: 'directive';
      word: 'if' | 'else' | 'endif' | 'for' | 'endfor';
      range: SourceRange;
      stripLeft: boolean;
      stripRight: boolean;
      condition?: Expression;
      keyVar?: string;
      valueVar?: string;
      collection?: Expression;
    };

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function unescapeQuoted(ts: TokenStream, token: Token): string {
  let out = '';
  const text = token.text;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\') {
      const e = text[i + 1] ?? '';
      if (e in ESCAPES) {
        out += ESCAPES[e];
        i++;
        continue;
      }
      const hexLength = e === 'u' ? 4 : e === 'U' ? 8 : 0;
      const hex = text.slice(i + 2, i + 2 + hexLength);
      if (hexLength > 0 && new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) {
        const codePoint = Number.parseInt(hex, 16);
        // Go's utf8.RuneLen: surrogate halves and values past U+10FFFF have no UTF-8 encoding.
        if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
          ts.error(
            'Invalid escape sequence',
            `Cannot encode character U+${codePoint.toString(16).padStart(4, '0')} in UTF-8.`,
            token.range,
          );
          i += 1 + hexLength;
          continue;
        }
        out += String.fromCodePoint(codePoint);
        i += 1 + hexLength;
        continue;
      }
      ts.error(
        'Invalid escape sequence',
        `The symbol ${JSON.stringify(e)} is not a valid escape sequence selector.`,
        token.range,
      );
      i++;
      continue;
    }
    if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      out += `${c}{`;
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

function unescapeHeredoc(text: string): string {
  return text.replace(/([$%])\1\{/g, '$1{');
}

function parseSequence(ts: TokenStream, opener: Token, parts: FlatPart[]): void {
  ts.pushNewlineMode(false);
  try {
    if (opener.type === 'template-interp') {
      const expr = parseExpression(ts);
      const end = expectSeqEnd(ts, opener);
      parts.push({
        kind: 'interpolation',
        expr,
        range: rangeBetween(opener.range, end?.range ?? expr.range),
        stripLeft: opener.strip === true,
        stripRight: end?.strip === true,
      });
      return;
    }
    const word = ts.peek();
    const known = ['if', 'else', 'endif', 'for', 'endfor'];
    if (word.type !== 'ident' || !known.includes(word.text)) {
      ts.error(
        'Invalid template directive',
        'A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.',
        word.range,
      );
      recoverSeqEnd(ts);
      return;
    }
    ts.next();
    const directive: FlatPart & { kind: 'directive' } = {
      kind: 'directive',
      word: word.text as 'if',
      range: opener.range,
      stripLeft: opener.strip === true,
      stripRight: false,
    };
    if (word.text === 'if') {
      directive.condition = parseExpression(ts);
    } else if (word.text === 'for') {
      const first = ts.next();
      let valueVar = first.text;
      if (ts.isPunct(',')) {
        ts.next();
        directive.keyVar = first.text;
        valueVar = ts.next().text;
      }
      directive.valueVar = valueVar;
      if (first.type !== 'ident' || !ts.isKeyword('in')) {
        ts.error(
          'Invalid template directive',
          'Expected "for <name> in <collection>" after %{ for.',
          first.range,
        );
        recoverSeqEnd(ts);
        return;
      }
      ts.next();
      directive.collection = parseExpression(ts);
    }
    const end = expectSeqEnd(ts, opener);
    directive.stripRight = end?.strip === true;
    directive.range = rangeBetween(opener.range, end?.range ?? opener.range);
    parts.push(directive);
  } finally {
    ts.popNewlineMode();
  }
}

function recoverSeqEnd(ts: TokenStream): void {
  for (;;) {
    const token = ts.peek();
    if (token.type === 'eof' || token.type === 'close-quote' || token.type === 'close-heredoc') return;
    ts.next();
    if (token.type === 'template-seq-end') return;
  }
}

function expectSeqEnd(ts: TokenStream, opener: Token): Token | undefined {
  const token = ts.peek();
  if (token.type === 'template-seq-end') return ts.next();
  ts.error(
    'Extra characters after interpolation expression',
    'Expected a closing brace to end the interpolation expression.',
    token.range,
    opener.range,
  );
  recoverSeqEnd(ts);
  return undefined;
}

/** Collects flat template parts up to the token of type `end`. */
function collectParts(
  ts: TokenStream,
  end: 'close-quote' | 'close-heredoc' | 'eof',
  open: Token,
  quoted: boolean,
): { parts: FlatPart[]; close?: Token } {
  const parts: FlatPart[] = [];
  let lineStart = true;
  for (;;) {
    const token = ts.peekRaw();
    if (token.type === end) {
      ts.next();
      return { parts, close: token };
    }
    if (token.type === 'template-literal') {
      ts.next();
      const text = quoted ? unescapeQuoted(ts, token) : unescapeHeredoc(token.text);
      parts.push({ kind: 'literal', text, range: token.range, lineStart });
      lineStart = token.text.endsWith('\n');
    } else if (token.type === 'template-interp' || token.type === 'template-control') {
      ts.next();
      parseSequence(ts, token, parts);
      lineStart = false;
    } else {
      ts.error(
        quoted ? 'Unterminated template string' : 'Unterminated heredoc',
        quoted
          ? 'No closing quote was found for this string.'
          : `No closing marker "${open.text}" was found for this heredoc.`,
        open.range,
      );
      if (token.type !== 'eof' && token.type !== 'newline') ts.next();
      return { parts };
    }
  }
}

const SPACE = /^[^\S\n]*/u;

function graphemeCount(text: string): number {
  return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length;
}

/** `<<-` heredocs: remove the smallest indentation of the non-blank lines from every line. */
function flushIndentation(parts: FlatPart[]): void {
  let min = Number.POSITIVE_INFINITY;
  let newline = true;
  const adjust: (FlatPart & { kind: 'literal' })[] = [];
  for (const part of parts) {
    if (newline) {
      if (part.kind === 'literal') {
        const spaces = SPACE.exec(part.text)?.[0] ?? '';
        const blank = spaces.length === part.text.length - 1 && part.text.endsWith('\n');
        if (!blank) {
          min = Math.min(min, graphemeCount(spaces));
          adjust.push(part);
        }
      } else {
        min = 0;
      }
    }
    newline = part.kind === 'literal' && part.text.endsWith('\n');
  }
  if (!Number.isFinite(min) || min === 0) return;
  for (const part of adjust) part.text = [...part.text].slice(min).join('');
}

function applyStripMarkers(parts: FlatPart[]): void {
  parts.forEach((part, i) => {
    if (part.kind === 'literal') return;
    const before = parts[i - 1];
    const after = parts[i + 1];
    if (part.stripLeft && before?.kind === 'literal') before.text = before.text.replace(/\s+$/u, '');
    if (part.stripRight && after?.kind === 'literal') after.text = after.text.replace(/^\s+/u, '');
  });
}

/** Nests `if`/`for` directives; reports unbalanced ones. */
function nest(ts: TokenStream, flat: FlatPart[]): TemplatePart[] {
  let index = 0;
  const parseUntil = (stop: string[]): { parts: TemplatePart[]; stoppedAt?: string } => {
    const out: TemplatePart[] = [];
    while (index < flat.length) {
      const part = flat[index++] as FlatPart;
      if (part.kind === 'literal') {
        if (part.text !== '')
          out.push({ kind: 'literal', text: part.text.normalize('NFC'), range: part.range });
      } else if (part.kind === 'interpolation') {
        out.push({ kind: 'interpolation', expr: part.expr, range: part.range });
      } else if (stop.includes(part.word)) {
        return { parts: out, stoppedAt: part.word };
      } else if (part.word === 'if') {
        const then = parseUntil(['else', 'endif']);
        let otherwise: TemplatePart[] = [];
        if (then.stoppedAt === 'else') otherwise = parseUntil(['endif']).parts;
        if (then.stoppedAt === undefined) {
          ts.error('Unterminated template directive', 'There is no %{ endif } for this %{ if }.', part.range);
        }
        out.push({
          kind: 'if',
          condition: part.condition as Expression,
          thenParts: then.parts,
          elseParts: otherwise,
          range: part.range,
        });
      } else if (part.word === 'for') {
        const body = parseUntil(['endfor']);
        if (body.stoppedAt === undefined) {
          ts.error(
            'Unterminated template directive',
            'There is no %{ endfor } for this %{ for }.',
            part.range,
          );
        }
        out.push({
          kind: 'for',
          valueVar: part.valueVar ?? '',
          collection: part.collection as Expression,
          body: body.parts,
          range: part.range,
          ...(part.keyVar === undefined ? {} : { keyVar: part.keyVar }),
        });
      } else {
        ts.error(
          'Unexpected template directive',
          `There is no matching opening directive for this %{ ${part.word} }.`,
          part.range,
        );
      }
    }
    return { parts: out };
  };
  return parseUntil([]).parts;
}

export function parseQuotedTemplate(ts: TokenStream): TemplateExpr {
  const open = ts.next();
  const { parts, close } = collectParts(ts, 'close-quote', open, true);
  applyStripMarkers(parts);
  return {
    kind: 'template',
    parts: nest(ts, parts),
    heredoc: false,
    range: rangeBetween(open.range, close?.range ?? open.range),
  };
}

export function parseHeredoc(ts: TokenStream): TemplateExpr {
  const open = ts.next();
  const { parts, close } = collectParts(ts, 'close-heredoc', open, false);
  if (open.flush) flushIndentation(parts);
  applyStripMarkers(parts);
  return {
    kind: 'template',
    parts: nest(ts, parts),
    heredoc: true,
    range: rangeBetween(open.range, close?.range ?? open.range),
  };
}

/** A whole input read as a template, as HCL JSON syntax reads its strings. */
export function parseTemplateOnly(ts: TokenStream, start: Token): TemplateExpr {
  const { parts, close } = collectParts(ts, 'eof', start, false);
  applyStripMarkers(parts);
  return {
    kind: 'template',
    parts: nest(ts, parts),
    heredoc: false,
    range: rangeBetween(start.range, close?.range ?? start.range),
  };
}
