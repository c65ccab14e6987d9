import { goQuote } from './quote.ts';
/**
 * The lexer of Go's text/template (`text/template/parse/lex.go`), item for item: text, the
 * `{{ }}` delimiters with their trim markers, comments, and the words inside actions. Positions
 * are indices into the template string; lines count from 1.
 */

export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'EOF'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // Keywords.
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

/** What a lexer step returns: nothing (Go's state functions return the next state instead). */
type Step = undefined;

export interface Item {
  type: ItemType;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: Readonly<Record<string, ItemType>> = {
  '.': 'dot',
  block: 'block',
  break: 'break',
  continue: 'continue',
  define: 'define',
  else: 'else',
  end: 'end',
  if: 'if',
  range: 'range',
  nil: 'nil',
  template: 'template',
  with: 'with',
};

const KEYWORD_TYPES = new Set<ItemType>(Object.values(KEYWORDS));

const LEFT = '{{';
const RIGHT = '}}';
const SPACES = ' \t\r\n';

const isSpace = (c: string | undefined) => c !== undefined && SPACES.includes(c);
const isAlphaNumeric = (c: string | undefined) => c !== undefined && (c === '_' || /[\p{L}\p{Nd}]/u.test(c));
const hasLeftTrimMarker = (s: string) => s.length >= 2 && s[0] === '-' && isSpace(s[1]);
const hasRightTrimMarker = (s: string) => s.length >= 2 && isSpace(s[0]) && s[1] === '-';

/** Go's `%#U` of a character: `U+0023 '#'`. */
export function goCharName(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} '${c}'`;
}

/** An item as Go's parser names it in errors: `<end>`, `"foo"`, `EOF`. */
export function itemText(item: Item): string {
  if (item.type === 'EOF') return 'EOF';
  if (item.type === 'error') return item.val;
  if (KEYWORD_TYPES.has(item.type)) return `<${item.val}>`;
  const chars = Array.from(item.val);
  if (chars.length > 10) return `${goQuote(chars.slice(0, 10).join(''))}...`;
  return goQuote(item.val);
}

/** Scans the whole template into items, ending with EOF or the first error. */
export function lexGoTemplate(input: string): Item[] {
  return new Lexer(input).run();
}

class Lexer {
  private pos = 0;
  private start = 0;
  private line = 1;
  private startLine = 1;
  private parenDepth = 0;
  private readonly items: Item[] = [];

  constructor(private readonly input: string) {}

  private inside = false;

  run(): Item[] {
    for (;;) {
      const last = this.items[this.items.length - 1];
      if (last && (last.type === 'EOF' || last.type === 'error')) return this.items;
      if (this.inside) this.insideAction();
      else this.text();
    }
  }

  private next(): string | undefined {
    if (this.pos >= this.input.length) return undefined;
    const c = this.input[this.pos] as string;
    this.pos++;
    if (c === '\n') this.line++;
    return c;
  }

  private backup(): Step {
    this.pos--;
    if (this.input[this.pos] === '\n') this.line--;
  }

  private peek(): string | undefined {
    return this.input[this.pos];
  }

  private emit(type: ItemType): Step {
    this.items.push({
      type,
      pos: this.start,
      val: this.input.slice(this.start, this.pos),
      line: this.startLine,
    });
    this.start = this.pos;
    this.startLine = this.line;
  }

  private ignore(): Step {
    this.line += count(this.input.slice(this.start, this.pos), '\n');
    this.start = this.pos;
    this.startLine = this.line;
  }

  private error(message: string): Step {
    this.items.push({ type: 'error', pos: this.start, val: message, line: this.startLine });
  }

  private accept(valid: string): boolean {
    const c = this.next();
    if (c !== undefined && valid.includes(c)) return true;
    if (c !== undefined) this.backup();
    return false;
  }

  private acceptRun(valid: string): Step {
    while (this.accept(valid));
  }

  private text(): Step {
    const x = this.input.indexOf(LEFT, this.pos);
    if (x < 0) {
      this.pos = this.input.length;
      if (this.pos > this.start) {
        this.line += count(this.input.slice(this.start, this.pos), '\n');
        this.emit('text');
      }
      this.emit('EOF');
      return;
    }
    if (x > this.pos) {
      this.pos = x;
      let trim = 0;
      if (hasLeftTrimMarker(this.input.slice(x + LEFT.length))) {
        const s = this.input.slice(this.start, this.pos);
        trim = s.length - s.replace(/[ \t\r\n]+$/, '').length;
      }
      this.pos -= trim;
      this.line += count(this.input.slice(this.start, this.pos), '\n');
      const item: Item = {
        type: 'text',
        pos: this.start,
        val: this.input.slice(this.start, this.pos),
        line: this.startLine,
      };
      this.start = this.pos;
      this.startLine = this.line;
      this.pos += trim;
      this.ignore();
      if (item.val.length > 0) this.items.push(item);
    }
    this.pos = x;
    this.leftDelim();
  }

  private leftDelim(): Step {
    this.pos += LEFT.length;
    const trim = hasLeftTrimMarker(this.input.slice(this.pos));
    const afterMarker = trim ? 2 : 0;
    if (this.input.startsWith('/*', this.pos + afterMarker)) {
      this.pos += afterMarker;
      this.ignore();
      this.comment();
      return;
    }
    this.emit('leftDelim');
    this.inside = true;
    this.pos += afterMarker;
    this.ignore();
    this.parenDepth = 0;
  }

  private comment(): Step {
    this.pos += 2;
    const x = this.input.indexOf('*/', this.pos);
    if (x < 0) return this.error('unclosed comment');
    this.pos = x + 2;
    const [delim, trim] = this.atRightDelim();
    if (!delim) return this.error('comment ends before closing delimiter');
    if (trim) this.pos += 2;
    this.pos += RIGHT.length;
    if (trim) this.pos += leftTrimLength(this.input.slice(this.pos));
    this.ignore();
  }

  private atRightDelim(): [boolean, boolean] {
    const rest = this.input.slice(this.pos);
    if (hasRightTrimMarker(rest) && rest.startsWith(RIGHT, 2)) return [true, true];
    if (rest.startsWith(RIGHT)) return [true, false];
    return [false, false];
  }

  private rightDelim(): Step {
    const [, trim] = this.atRightDelim();
    if (trim) {
      this.pos += 2;
      this.ignore();
    }
    this.pos += RIGHT.length;
    this.emit('rightDelim');
    if (trim) {
      this.pos += leftTrimLength(this.input.slice(this.pos));
      this.ignore();
    }
    this.inside = false;
  }

  private insideAction(): Step {
    const [delim] = this.atRightDelim();
    if (delim) {
      if (this.parenDepth === 0) return this.rightDelim();
      return this.error('unclosed left paren');
    }
    const r = this.next();
    if (r === undefined) return this.error('unclosed action');
    if (isSpace(r)) {
      this.backup();
      return this.space();
    }
    switch (r) {
      case '=':
        return this.emit('assign');
      case ':':
        if (this.next() !== '=') return this.error('expected :=');
        return this.emit('declare');
      case '|':
        return this.emit('pipe');
      case '"':
        return this.quote();
      case '`':
        return this.rawQuote();
      case '$':
        return this.variable();
      case "'":
        return this.char();
      case '(':
        this.parenDepth++;
        return this.emit('leftParen');
      case ')':
        this.parenDepth--;
        if (this.parenDepth < 0) return this.error('unexpected right paren');
        return this.emit('rightParen');
    }
    if (r === '.') {
      const c = this.input[this.pos];
      if (c !== undefined && (c < '0' || c > '9')) return this.fieldOrVariable('field');
    }
    if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
      this.backup();
      return this.number();
    }
    if (isAlphaNumeric(r)) {
      this.backup();
      return this.identifier();
    }
    const code = r.codePointAt(0) as number;
    if (code <= 0x7f && code >= 0x20 && code !== 0x7f) return this.emit('char');
    return this.error(`unrecognized character in action: ${goCharName(r)}`);
  }

  private space(): Step {
    let spaces = 0;
    while (isSpace(this.peek())) {
      this.next();
      spaces++;
    }
    const rest = this.input.slice(this.pos - 1);
    if (hasRightTrimMarker(rest) && rest.startsWith(RIGHT, 2)) {
      this.backup();
      if (spaces === 1) return this.rightDelim();
    }
    this.emit('space');
  }

  private identifier(): Step {
    for (;;) {
      const r = this.next();
      if (isAlphaNumeric(r)) continue;
      if (r !== undefined) this.backup();
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) return this.error(`bad character ${goCharName(r ?? '')}`);
      const keyword = KEYWORDS[word];
      if (keyword) return this.emit(keyword);
      if (word === 'true' || word === 'false') return this.emit('bool');
      return this.emit('identifier');
    }
  }

  private variable(): Step {
    if (this.atTerminator()) return this.emit('variable');
    this.fieldOrVariable('variable');
  }

  private fieldOrVariable(type: 'field' | 'variable'): Step {
    if (this.atTerminator()) return this.emit(type === 'variable' ? 'variable' : 'dot');
    let r: string | undefined;
    for (;;) {
      r = this.next();
      if (!isAlphaNumeric(r)) {
        if (r !== undefined) this.backup();
        break;
      }
    }
    if (!this.atTerminator()) return this.error(`bad character ${goCharName(r ?? '')}`);
    this.emit(type);
  }

  private atTerminator(): boolean {
    const r = this.peek();
    if (r === undefined || isSpace(r)) return true;
    if ('.,|:)('.includes(r)) return true;
    return this.input.startsWith(RIGHT, this.pos);
  }

  private char(): Step {
    for (;;) {
      const r = this.next();
      if (r === '\\') {
        const e = this.next();
        if (e !== undefined && e !== '\n') continue;
        return this.error('unterminated character constant');
      }
      if (r === undefined || r === '\n') return this.error('unterminated character constant');
      if (r === "'") break;
    }
    this.emit('charConstant');
  }

  private number(): Step {
    if (!this.scanNumber())
      return this.error(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
    const sign = this.peek();
    if (sign === '+' || sign === '-') {
      if (!this.scanNumber() || this.input[this.pos - 1] !== 'i')
        return this.error(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
      return this.emit('complex');
    }
    this.emit('number');
  }

  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }

  private quote(): Step {
    for (;;) {
      const r = this.next();
      if (r === '\\') {
        const e = this.next();
        if (e !== undefined && e !== '\n') continue;
        return this.error('unterminated quoted string');
      }
      if (r === undefined || r === '\n') return this.error('unterminated quoted string');
      if (r === '"') break;
    }
    this.emit('string');
  }

  private rawQuote(): Step {
    for (;;) {
      const r = this.next();
      if (r === undefined) return this.error('unterminated raw quoted string');
      if (r === '`') break;
    }
    this.emit('rawString');
  }
}

function count(s: string, c: string): number {
  let n = 0;
  for (const x of s) if (x === c) n++;
  return n;
}

function leftTrimLength(s: string): number {
  return s.length - s.replace(/^[ \t\r\n]+/, '').length;
}
