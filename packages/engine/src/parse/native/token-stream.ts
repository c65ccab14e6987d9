import type { Diagnostic, SourceRange } from '../../errors/diagnostic.ts';
import type { Token } from './token.ts';

/** How deep expressions and blocks may nest: far beyond any template, well within the call stack. */
export const MAX_NESTING = 256;

/** Thrown when nesting passes MAX_NESTING; the entry points turn it into one diagnostic. */
export class NestingTooDeep extends Error {
  constructor(readonly at: SourceRange) {
    super(`nesting deeper than ${MAX_NESTING} levels`);
  }
}

/**
 * Tokens with a stack of newline modes: inside parentheses, brackets and template
 * interpolations newlines are insignificant and `peek` skips them.
 */
export class TokenStream {
  private index = 0;
  private depth = 0;
  private readonly newlineModes: boolean[] = [true];
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly tokens: Token[],
    readonly filename: string,
  ) {}

  private get newlinesSignificant(): boolean {
    return this.newlineModes[this.newlineModes.length - 1] ?? true;
  }

  /** Runs one level of nested parsing; past MAX_NESTING levels the whole parse stops. */
  nested<T>(parse: () => T): T {
    if (this.depth >= MAX_NESTING) throw new NestingTooDeep(this.peek().range);
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  /** The diagnostic for a parse that `nested` stopped. */
  static nestingDiagnostic(error: NestingTooDeep): Diagnostic {
    return {
      severity: 'error',
      summary: 'Nesting too deep',
      detail: `Expressions and blocks may nest at most ${MAX_NESTING} levels deep; this one goes deeper.`,
      subject: error.at,
    };
  }

  pushNewlineMode(significant: boolean): void {
    this.newlineModes.push(significant);
  }

  popNewlineMode(): void {
    this.newlineModes.pop();
  }

  private skipIndex(from: number): number {
    let i = from;
    if (!this.newlinesSignificant) {
      while (this.tokens[i]?.type === 'newline') i++;
    }
    return i;
  }

  /** The token `ahead` positions on (newlines skipped when insignificant). */
  peek(ahead = 0): Token {
    let i = this.skipIndex(this.index);
    for (let n = 0; n < ahead; n++) i = this.skipIndex(i + 1);
    return this.tokens[Math.min(i, this.tokens.length - 1)] as Token;
  }

  /** The very next token, newlines included whatever the mode. */
  peekRaw(): Token {
    return this.tokens[Math.min(this.index, this.tokens.length - 1)] as Token;
  }

  next(): Token {
    this.index = this.skipIndex(this.index);
    const token = this.tokens[Math.min(this.index, this.tokens.length - 1)] as Token;
    if (token.type !== 'eof') this.index++;
    return token;
  }

  isPunct(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.type === 'punct' && token.text === text;
  }

  isKeyword(word: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.type === 'ident' && token.text === word;
  }

  error(summary: string, detail: string, subject: SourceRange, context?: SourceRange): void {
    this.diagnostics.push({ severity: 'error', summary, detail, subject, ...(context ? { context } : {}) });
  }

  /**
   * Skips to the end of the current line (consuming the newline), balancing brackets on the way.
   * Stops before a closing bracket that belongs to an enclosing construct, but always moves on
   * by at least one token so that callers cannot loop.
   */
  recoverToNewline(): void {
    let depth = 0;
    let moved = false;
    for (;;) {
      const token = this.peekRaw();
      if (token.type === 'eof') return;
      if (token.type === 'newline' && depth <= 0) {
        this.index++;
        return;
      }
      if (token.type === 'punct' && ['}', ']', ')'].includes(token.text) && depth === 0 && moved) return;
      this.index++;
      moved = true;
      if (token.type === 'punct' && ['{', '[', '('].includes(token.text)) depth++;
      if (token.type === 'punct' && ['}', ']', ')'].includes(token.text) && depth > 0) depth--;
    }
  }

  /** Skips past the bracket `close` matching an already consumed opener; returns its token if found. */
  recoverToClose(close: '}' | ']' | ')'): Token | undefined {
    const open = close === '}' ? '{' : close === ']' ? '[' : '(';
    let depth = 0;
    for (;;) {
      const token = this.tokens[this.index];
      if (!token || token.type === 'eof') return undefined;
      this.index++;
      if (token.type === 'punct' && token.text === open) depth++;
      if (token.type === 'punct' && token.text === close) {
        if (depth === 0) return token;
        depth--;
      }
    }
  }
}
