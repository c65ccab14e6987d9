import type { Diagnostic, Pos, SourceRange } from '../../errors/diagnostic.ts';
import type { Token, TokenType } from './token.ts';

type Mode =
  | { kind: 'normal' }
  | { kind: 'interp' }
  | { kind: 'quoted' }
  /** A heredoc's body; `marker: null` for a whole input read as a template (HCL JSON strings). */
  | { kind: 'heredoc'; marker: string | null };

const PUNCTUATION = [
  '...',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '=>',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  ',',
  '.',
  '=',
  ':',
  '?',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '!',
];

function isIdentStart(c: string): boolean {
  return /[\p{L}\p{Nl}_]/u.test(c);
}

function isIdentPart(c: string): boolean {
  return /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_-]/u.test(c);
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Splits HCL native syntax into tokens. Strings and heredocs are scanned in template mode,
 * so their interpolation sequences come out as ordinary tokens between template markers.
 * Positions are UTF-8 byte offsets with 1-based lines and columns (columns count characters).
 */
export class Lexer {
  private index = 0;
  private line = 1;
  private column = 1;
  private byte = 0;
  private readonly modes: Mode[] = [{ kind: 'normal' }];
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly src: string,
    private readonly filename: string,
    options: { start?: Pos; template?: boolean } = {},
  ) {
    if (options.start) {
      this.line = options.start.line;
      this.column = options.start.column;
      this.byte = options.start.byte;
    }
    if (options.template) this.modes.push({ kind: 'heredoc', marker: null });
  }

  static tokenize(
    src: string,
    filename: string,
    options: { start?: Pos; template?: boolean } = {},
  ): { tokens: Token[]; diagnostics: Diagnostic[] } {
    const lexer = new Lexer(src, filename, options);
    const tokens: Token[] = [];
    for (;;) {
      const token = lexer.next();
      tokens.push(token);
      if (token.type === 'eof') break;
    }
    return { tokens, diagnostics: lexer.diagnostics };
  }

  private pos(): Pos {
    return { line: this.line, column: this.column, byte: this.byte };
  }

  private range(start: Pos): SourceRange {
    return { filename: this.filename, start, end: this.pos() };
  }

  private peekChar(offset = 0): string {
    return this.src[this.index + offset] ?? '';
  }

  private startsWith(text: string): boolean {
    return this.src.startsWith(text, this.index);
  }

  private advance(): string {
    const codePoint = this.src.codePointAt(this.index);
    if (codePoint === undefined) return '';
    const char = String.fromCodePoint(codePoint);
    this.index += char.length;
    this.byte += utf8Length(codePoint);
    if (char === '\n') {
      this.line++;
      this.column = 1;
    } else {
      this.column++;
    }
    return char;
  }

  private advanceBy(count: number): string {
    let text = '';
    for (let i = 0; i < count; i++) text += this.advance();
    return text;
  }

  private token(type: TokenType, text: string, start: Pos, extra: Partial<Token> = {}): Token {
    return { type, text, range: this.range(start), ...extra };
  }

  private error(summary: string, detail: string, range: SourceRange): void {
    this.diagnostics.push({ severity: 'error', summary, detail, subject: range });
  }

  private get mode(): Mode {
    return this.modes[this.modes.length - 1] ?? { kind: 'normal' };
  }

  next(): Token {
    const mode = this.mode;
    if (mode.kind === 'quoted') return this.nextQuoted();
    if (mode.kind === 'heredoc') return this.nextHeredoc(mode.marker);
    return this.nextNormal();
  }

  private skipSpaceAndComments(): Token | undefined {
    for (;;) {
      const c = this.peekChar();
      if (c === ' ' || c === '\t' || c === '\r') {
        this.advance();
      } else if (c === '#' || this.startsWith('//')) {
        const start = this.pos();
        while (this.index < this.src.length && this.peekChar() !== '\n') this.advance();
        if (this.peekChar() === '\n') {
          this.advance();
          return this.token('newline', '\n', start);
        }
      } else if (this.startsWith('/*')) {
        const start = this.pos();
        this.advanceBy(2);
        while (this.index < this.src.length && !this.startsWith('*/')) this.advance();
        if (this.index >= this.src.length) {
          this.error('Unterminated comment', 'There is no closing "*/" for this comment.', this.range(start));
        } else {
          this.advanceBy(2);
        }
      } else {
        return undefined;
      }
    }
  }

  private nextNormal(): Token {
    const commentEnd = this.skipSpaceAndComments();
    if (commentEnd) return commentEnd;
    const start = this.pos();
    if (this.index >= this.src.length) return this.token('eof', '', start);
    const c = this.peekChar();
    if (c === '\n') {
      this.advance();
      return this.token('newline', '\n', start);
    }
    if (c === '"') {
      this.advance();
      this.modes.push({ kind: 'quoted' });
      return this.token('open-quote', '"', start);
    }
    if (this.startsWith('<<')) {
      const heredoc = /^<<(-?)([\p{L}_][\p{L}\p{Nd}_-]*)\r?\n/u.exec(
        this.src.slice(this.index, this.index + 200),
      );
      if (heredoc) {
        const flush = heredoc[1] === '-';
        const marker = heredoc[2] ?? '';
        this.advanceBy(2 + (flush ? 1 : 0) + marker.length);
        const token = this.token('open-heredoc', marker, start, { flush });
        if (this.peekChar() === '\r') this.advance();
        this.advance();
        this.modes.push({ kind: 'heredoc', marker });
        return token;
      }
    }
    if (/[0-9]/.test(c)) return this.number(start);
    if (isIdentStart(c)) {
      let text = '';
      while (this.index < this.src.length && isIdentPart(this.peekChar())) text += this.advance();
      return this.token('ident', text, start);
    }
    if (c === '{') {
      this.advance();
      this.modes.push({ kind: 'normal' });
      return this.token('punct', '{', start);
    }
    if (c === '}' || (c === '~' && this.peekChar(1) === '}')) {
      const strip = c === '~';
      if (strip && this.mode.kind !== 'interp') return this.invalid(start);
      this.advanceBy(strip ? 2 : 1);
      const closed = this.modes.length > 1 ? this.modes.pop() : undefined;
      if (closed?.kind === 'interp') return this.token('template-seq-end', '}', start, { strip });
      return this.token('punct', '}', start);
    }
    for (const p of PUNCTUATION) {
      if (this.startsWith(p)) {
        this.advanceBy(p.length);
        return this.token('punct', p, start);
      }
    }
    return this.invalid(start);
  }

  private invalid(start: Pos): Token {
    const char = this.advance();
    const range = this.range(start);
    this.error(
      'Invalid character',
      `This character is not used within the language: ${JSON.stringify(char)}.`,
      range,
    );
    return { type: 'invalid', text: char, range };
  }

  private number(start: Pos): Token {
    const match = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.src.slice(this.index, this.index + 400));
    const text = match?.[0] ?? this.peekChar();
    this.advanceBy(text.length);
    return this.token('number', text, start);
  }

  private templateOpener(start: Pos): Token | undefined {
    if (this.startsWith('${') || this.startsWith('%{')) {
      const type = this.peekChar() === '$' ? 'template-interp' : 'template-control';
      this.advanceBy(2);
      const strip = this.peekChar() === '~';
      if (strip) this.advance();
      this.modes.push({ kind: 'interp' });
      return this.token(type, type === 'template-interp' ? '${' : '%{', start, { strip });
    }
    return undefined;
  }

  private nextQuoted(): Token {
    const start = this.pos();
    if (this.index >= this.src.length) {
      this.modes.pop();
      return this.token('eof', '', start);
    }
    const c = this.peekChar();
    if (c === '"') {
      this.advance();
      this.modes.pop();
      return this.token('close-quote', '"', start);
    }
    const opener = this.templateOpener(start);
    if (opener) return opener;
    if (c === '\n') {
      this.modes.pop();
      return this.nextNormal();
    }
    let text = '';
    while (this.index < this.src.length) {
      const ch = this.peekChar();
      if (ch === '"' || ch === '\n') break;
      if (this.startsWith('${') || this.startsWith('%{')) break;
      if (this.startsWith('$${') || this.startsWith('%%{')) {
        text += this.advanceBy(3);
        continue;
      }
      if (ch === '\\') {
        text += this.advance();
        if (this.index < this.src.length && this.peekChar() !== '\n') text += this.advance();
        continue;
      }
      text += this.advance();
    }
    return this.token('template-literal', text, start);
  }

  /** At a heredoc's closing line: the count of characters before its marker; otherwise -1. */
  private heredocEndIndent(marker: string): number {
    const lineEnd = this.src.indexOf('\n', this.index);
    const line = this.src.slice(this.index, lineEnd === -1 ? this.src.length : lineEnd).replace(/\r$/, '');
    if (line.trim() !== marker) return -1;
    return [...line].length - [...line.trimStart()].length;
  }

  private nextHeredoc(marker: string | null): Token {
    const start = this.pos();
    if (this.index >= this.src.length) {
      this.modes.pop();
      return this.token('eof', '', start);
    }
    if (this.column === 1 && marker !== null) {
      const indent = this.heredocEndIndent(marker);
      if (indent >= 0) {
        this.advanceBy(indent);
        const markerStart = this.pos();
        this.advanceBy(marker.length);
        this.modes.pop();
        return this.token('close-heredoc', marker, markerStart);
      }
    }
    const opener = this.templateOpener(start);
    if (opener) return opener;
    let text = '';
    while (this.index < this.src.length) {
      if (this.startsWith('${') || this.startsWith('%{')) break;
      if (this.startsWith('$${') || this.startsWith('%%{')) {
        text += this.advanceBy(3);
        continue;
      }
      const ch = this.advance();
      text += ch;
      if (ch === '\n') break;
    }
    return this.token('template-literal', text, start);
  }
}
