import type { Diagnostic, Pos, SourceRange } from '../../errors/diagnostic.ts';
import type { JsonNode, JsonProperty } from './json-node.ts';
import { MAX_NESTING } from '../native/token-stream.ts';

class SyntaxFailure extends Error {}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** A JSON parser that keeps the range (line, column, UTF-8 byte) of every value and property name. */
class JsonParser {
  private index = 0;
  private depth = 0;
  private line = 1;
  private column = 1;
  private byte = 0;
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly src: string,
    private readonly filename: string,
  ) {}

  private pos(): Pos {
    return { line: this.line, column: this.column, byte: this.byte };
  }

  private rangeFrom(start: Pos): SourceRange {
    return { filename: this.filename, start, end: this.pos() };
  }

  private advance(): string {
    const cp = this.src.codePointAt(this.index);
    if (cp === undefined) return '';
    const c = String.fromCodePoint(cp);
    this.index += c.length;
    this.byte += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (c === '\n') {
      this.line++;
      this.column = 1;
    } else {
      this.column++;
    }
    return c;
  }

  private fail(summary: string, detail: string): never {
    const start = this.pos();
    if (this.index < this.src.length) this.advance();
    this.diagnostics.push({ severity: 'error', summary, detail, subject: this.rangeFrom(start) });
    throw new SyntaxFailure(summary);
  }

  private skipSpace(): void {
    while (/[ \t\r\n]/.test(this.src[this.index] ?? '')) this.advance();
  }

  private peek(): string {
    return this.src[this.index] ?? '';
  }

  parseDocument(): JsonNode | undefined {
    try {
      this.skipSpace();
      const value = this.value();
      this.skipSpace();
      if (this.index < this.src.length)
        this.fail('Extraneous data after value', 'Extra characters appear after the JSON value.');
      return value;
    } catch (error) {
      if (error instanceof SyntaxFailure) return undefined;
      throw error;
    }
  }

  private value(): JsonNode {
    const c = this.peek();
    const start = this.pos();
    if (c === '{' || c === '[') return this.nested(() => (c === '{' ? this.object() : this.array()));
    if (c === '"') {
      const value = this.string();
      return { kind: 'string', value, range: this.rangeFrom(start) };
    }
    if (c === '-' || /[0-9]/.test(c)) {
      const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(
        this.src.slice(this.index, this.index + 500),
      );
      if (!m) this.fail('Invalid JSON number', 'A number must have digits after its sign.');
      for (let i = 0; i < m[0].length; i++) this.advance();
      return { kind: 'number', text: m[0], range: this.rangeFrom(start) };
    }
    for (const [word, node] of [
      ['true', { kind: 'bool', value: true }],
      ['false', { kind: 'bool', value: false }],
      ['null', { kind: 'null' }],
    ] as const) {
      if (this.src.startsWith(word, this.index)) {
        for (let i = 0; i < word.length; i++) this.advance();
        return { ...node, range: this.rangeFrom(start) } as JsonNode;
      }
    }
    if (this.index >= this.src.length)
      this.fail('Missing JSON value', 'The file ends where a value was expected.');
    return this.fail('Invalid JSON value', `A JSON value cannot start with ${JSON.stringify(c)}.`);
  }

  /** One level of objects and arrays; past MAX_NESTING levels the document is refused. */
  private nested(parse: () => JsonNode): JsonNode {
    if (this.depth >= MAX_NESTING) {
      this.fail(
        'Nesting too deep',
        `Objects and arrays may nest at most ${MAX_NESTING} levels deep; this one goes deeper.`,
      );
    }
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private string(): string {
    this.advance();
    let out = '';
    for (;;) {
      if (this.index >= this.src.length) this.fail('Unterminated string', 'The file ends inside a string.');
      const c = this.advance();
      if (c === '"') return out;
      if (c === '\n') this.fail('Unterminated string', 'A JSON string cannot contain a newline; use \\n.');
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.advance();
      if (e in ESCAPES) out += ESCAPES[e];
      else if (e === 'u') {
        const hex = this.src.slice(this.index, this.index + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex))
          this.fail('Invalid escape sequence', '\\u must be followed by four hexadecimal digits.');
        for (let i = 0; i < 4; i++) this.advance();
        out += String.fromCharCode(Number.parseInt(hex, 16));
      } else this.fail('Invalid escape sequence', `\\${e} is not a JSON escape sequence.`);
    }
  }

  private object(): JsonNode {
    const start = this.pos();
    this.advance();
    const properties: JsonProperty[] = [];
    this.skipSpace();
    if (this.peek() === '}') {
      this.advance();
      return { kind: 'object', properties, range: this.rangeFrom(start) };
    }
    for (;;) {
      this.skipSpace();
      if (this.peek() !== '"')
        this.fail('Missing property name', 'A JSON object property name must be a quoted string.');
      const nameStart = this.pos();
      const name = this.string();
      const nameRange = this.rangeFrom(nameStart);
      this.skipSpace();
      if (this.peek() !== ':') this.fail('Missing colon', 'A colon must follow a property name.');
      this.advance();
      this.skipSpace();
      properties.push({ name, nameRange, value: this.value() });
      this.skipSpace();
      const c = this.peek();
      if (c === ',') {
        this.advance();
        continue;
      }
      if (c === '}') {
        this.advance();
        return { kind: 'object', properties, range: this.rangeFrom(start) };
      }
      this.fail('Missing comma', 'Properties of a JSON object must be separated by commas.');
    }
  }

  private array(): JsonNode {
    const start = this.pos();
    this.advance();
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.peek() === ']') {
      this.advance();
      return { kind: 'array', items, range: this.rangeFrom(start) };
    }
    for (;;) {
      this.skipSpace();
      items.push(this.value());
      this.skipSpace();
      const c = this.peek();
      if (c === ',') {
        this.advance();
        continue;
      }
      if (c === ']') {
        this.advance();
        return { kind: 'array', items, range: this.rangeFrom(start) };
      }
      this.fail('Missing comma', 'Elements of a JSON array must be separated by commas.');
    }
  }
}

export function parseJson(src: string, filename: string): { node?: JsonNode; diagnostics: Diagnostic[] } {
  const parser = new JsonParser(src.startsWith('\uFEFF') ? src.slice(1) : src, filename);
  const node = parser.parseDocument();
  return { ...(node ? { node } : {}), diagnostics: parser.diagnostics };
}
