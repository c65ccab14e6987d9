/**
 * The parser of Packer's template strings (Go's text/template, as packer-plugin-sdk's
 * `interpolate` package uses it): text, `{{ pipeline }}` actions and `{{/* comments *\/}}`.
 * Legacy JSON templates translate the actions into HCL expressions (`go-template.ts`); plugin
 * settings of HCL2 templates are rendered from them (`../evaluate/render-go-templates.ts`).
 */

/** Positions (`pos`) are indices into the whole template string. */
export type GoOperand =
  | { kind: 'string'; value: string; text: string; pos: number }
  | { kind: 'number'; text: string; pos: number }
  /** A function named without arguments where a value is expected: called with none. */
  | { kind: 'ident'; name: string; pos: number }
  /** `.Name`: a field of the data the template is executed with. */
  | { kind: 'field'; text: string; pos: number }
  | { kind: 'pipeline'; pipeline: GoPipeline; pos: number };

/** Operands separated by spaces; a first operand of kind `ident` is the function called. */
export interface GoCommand {
  operands: GoOperand[];
  pos: number;
}

/** Commands separated by `|`: each result is the final argument of the next command. */
export type GoPipeline = GoCommand[];

export type GoTemplateNode =
  | { kind: 'text'; text: string }
  /**
   * One `{{ }}` action. `pipeline` is absent when the action uses control structures or
   * variables (`if`, `range`, `$x := ...`): those are left to whoever executes the template.
   */
  | { kind: 'action'; source: string; pos: number; pipeline?: GoPipeline };

/** A template that does not parse: `message` is Go's wording, `line` the line it is on. */
export class GoTemplateParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Go's words for a template error: `template: root:3: unclosed action`. */
export function parseErrorText(error: GoTemplateParseError): string {
  return `template: root:${error.line}: ${error.message}`;
}

/** Keywords and constants of text/template: an action using them is not a plain pipeline. */
const KEYWORDS = new Set([
  'if',
  'else',
  'end',
  'range',
  'with',
  'define',
  'template',
  'block',
  'break',
  'continue',
  'nil',
  'true',
  'false',
]);

/** The functions text/template itself defines, besides those the caller supplies. */
export const GO_BUILTIN_FUNCTIONS: ReadonlySet<string> = new Set([
  'and',
  'call',
  'html',
  'index',
  'slice',
  'js',
  'len',
  'not',
  'or',
  'print',
  'printf',
  'println',
  'urlquery',
  'eq',
  'ge',
  'gt',
  'le',
  'lt',
  'ne',
]);

type Token =
  | { kind: 'ident' | 'field' | 'variable' | 'number'; text: string; pos: number }
  | { kind: 'string'; text: string; value: string; pos: number }
  | { kind: 'pipe' | 'open' | 'close' | 'assign'; text: string; pos: number };

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', "'": "'" };

class Lexer {
  readonly tokens: Token[] = [];

  constructor(
    private readonly src: string,
    private readonly base: number,
    private readonly fail: (message: string) => never,
  ) {}

  run(): Token[] {
    const src = this.src;
    let i = 0;
    while (i < src.length) {
      const c = src[i] as string;
      const rest = src.slice(i);
      const pos = this.base + i;
      const single = { '|': 'pipe', '(': 'open', ')': 'close' } as const;
      if (/\s/.test(c)) {
        i++;
      } else if (c in single) {
        this.tokens.push({ kind: single[c as keyof typeof single], text: c, pos });
        i++;
      } else if (rest.startsWith(':=') || c === '=') {
        const text = c === '=' ? '=' : ':=';
        this.tokens.push({ kind: 'assign', text, pos });
        i += text.length;
      } else if (c === '`') {
        const end = src.indexOf('`', i + 1);
        if (end < 0) this.fail('unterminated raw quoted string');
        this.tokens.push({ kind: 'string', text: src.slice(i, end + 1), value: src.slice(i + 1, end), pos });
        i = end + 1;
      } else if (c === '"') {
        i = this.quoted(i);
      } else if (c === '.' || c === '$') {
        const m = /^[.$][A-Za-z0-9_.]*/.exec(rest) as RegExpExecArray;
        this.tokens.push({ kind: c === '$' ? 'variable' : 'field', text: m[0], pos });
        i += m[0].length;
      } else if (/[-+0-9]/.test(c)) {
        const m = /^[-+]?(0[xX][0-9a-fA-F_]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?)/.exec(rest);
        if (!m) this.fail(`bad number syntax: "${c}"`);
        this.tokens.push({ kind: 'number', text: m[0], pos });
        i += m[0].length;
      } else if (/[A-Za-z_]/.test(c)) {
        const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest) as RegExpExecArray;
        this.tokens.push({ kind: 'ident', text: m[0], pos });
        i += m[0].length;
      } else {
        this.fail(`unexpected "${c}" in command`);
      }
    }
    return this.tokens;
  }

  private quoted(start: number): number {
    const src = this.src;
    let j = start + 1;
    let value = '';
    for (;;) {
      const d = src[j];
      if (d === undefined || d === '\n') this.fail('unterminated quoted string');
      if (d === '"') break;
      if (d === '\\') {
        const e = src[j + 1] ?? '';
        const escaped = ESCAPES[e];
        if (escaped === undefined) this.fail(`invalid syntax in quoted string: \\${e}`);
        value += escaped;
        j += 2;
        continue;
      }
      value += d;
      j++;
    }
    this.tokens.push({ kind: 'string', text: src.slice(start, j + 1), value, pos: this.base + start });
    return j + 1;
  }
}

class PipelineParser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly fail: (message: string) => never,
  ) {}

  parse(): GoPipeline {
    const pipeline = this.pipeline();
    const extra = this.tokens[this.index];
    if (extra) this.fail(`unexpected "${extra.text}" in operand`);
    return pipeline;
  }

  private pipeline(): GoPipeline {
    const commands = [this.command()];
    while (this.tokens[this.index]?.kind === 'pipe') {
      this.index++;
      const command = this.command();
      if (command.operands[0]?.kind !== 'ident')
        this.fail(`non executable command in pipeline stage ${commands.length + 1}`);
      commands.push(command);
    }
    return commands;
  }

  private command(): GoCommand {
    const operands: GoOperand[] = [];
    for (;;) {
      const t = this.tokens[this.index];
      if (!t || t.kind === 'pipe' || t.kind === 'close') break;
      operands.push(this.operand());
    }
    const first = operands[0];
    if (!first) this.fail('missing value for command');
    return { operands, pos: first.pos };
  }

  private operand(): GoOperand {
    const t = this.tokens[this.index++] as Token;
    switch (t.kind) {
      case 'string':
        return { kind: 'string', value: t.value, text: t.text, pos: t.pos };
      case 'number':
        return { kind: 'number', text: t.text, pos: t.pos };
      case 'ident':
        return { kind: 'ident', name: t.text, pos: t.pos };
      case 'field':
        return { kind: 'field', text: t.text, pos: t.pos };
      case 'open': {
        const pipeline = this.pipeline();
        if (this.tokens[this.index]?.kind !== 'close') this.fail('unclosed left paren');
        this.index++;
        return { kind: 'pipeline', pipeline, pos: t.pos };
      }
      default:
        return this.fail(`unexpected "${t.text}" in operand`);
    }
  }
}

/** Finds the `}}` closing an action whose text starts at `from`, skipping quoted and raw strings. */
function actionEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) return -1;
      i = end + 1;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (text.startsWith('}}', i)) {
      return i;
    } else {
      i++;
    }
  }
  return -1;
}

function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/**
 * Parses a template string. `isFunction` says which names are defined (Go refuses undefined
 * ones while parsing, before anything runs). Throws GoTemplateParseError.
 */
export function parseGoTemplate(text: string, isFunction: (name: string) => boolean): GoTemplateNode[] {
  const nodes: GoTemplateNode[] = [];
  let literal = '';
  let i = 0;
  let trimNext = false;
  const flush = () => {
    if (literal !== '') nodes.push({ kind: 'text', text: literal });
    literal = '';
  };
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    let chunk = open < 0 ? text.slice(i) : text.slice(i, open);
    if (trimNext) chunk = chunk.replace(/^\s+/, '');
    trimNext = false;
    if (open < 0) {
      literal += chunk;
      break;
    }
    const trimLeft = /^\{\{-\s/.test(text.slice(open, open + 4));
    literal += trimLeft ? chunk.replace(/\s+$/, '') : chunk;
    const start = open + (trimLeft ? 3 : 2);
    const fail = (message: string, at = open): never => {
      throw new GoTemplateParseError(message, lineAt(text, at));
    };
    const body = text.slice(start).replace(/^\s*/, '');
    if (body.startsWith('/*')) {
      const commentEnd = text.indexOf('*/', start);
      const after = commentEnd < 0 ? -1 : commentEnd + 2;
      const closing = after < 0 ? null : /^(\s-)?\}\}/.exec(text.slice(after));
      if (!closing) fail('unclosed comment');
      trimNext = closing?.[1] !== undefined;
      i = after + (closing as RegExpExecArray)[0].length;
      continue;
    }
    const close = actionEnd(text, start);
    if (close < 0) fail('unclosed action');
    const trimRight = close >= start + 2 && /\s-$/.test(text.slice(close - 2, close));
    const source = text.slice(start, trimRight ? close - 2 : close);
    const whole = text.slice(open, close + 2);
    i = close + 2;
    trimNext = trimRight;
    const tokens = new Lexer(source, start, (m) => fail(m)).run();
    for (const t of tokens) {
      if (t.kind === 'ident' && !KEYWORDS.has(t.text) && !isFunction(t.text))
        fail(`function "${t.text}" not defined`, t.pos);
    }
    flush();
    const control = tokens.some(
      (t) => t.kind === 'variable' || t.kind === 'assign' || (t.kind === 'ident' && KEYWORDS.has(t.text)),
    );
    if (tokens.length === 0) fail('missing value for command');
    nodes.push({
      kind: 'action',
      source: whole,
      pos: open,
      ...(control ? {} : { pipeline: new PipelineParser(tokens, (m) => fail(m)).parse() }),
    });
  }
  flush();
  return nodes;
}

/** An operand as Go prints it in error messages (`build \`ID\``, `(upper "a")`). */
export function operandText(operand: GoOperand): string {
  switch (operand.kind) {
    case 'string':
    case 'number':
    case 'field':
      return operand.text;
    case 'ident':
      return operand.name;
    case 'pipeline':
      return `(${pipelineText(operand.pipeline)})`;
  }
}

export function commandText(command: GoCommand): string {
  return command.operands.map(operandText).join(' ');
}

export function pipelineText(pipeline: GoPipeline): string {
  return pipeline.map(commandText).join(' | ');
}

/** Whether any operand of the pipeline, at any depth, satisfies `test`. */
export function someOperand(pipeline: GoPipeline, test: (operand: GoOperand) => boolean): boolean {
  return pipeline.some((c) =>
    c.operands.some((o) => test(o) || (o.kind === 'pipeline' && someOperand(o.pipeline, test))),
  );
}

/** Whether the pipeline calls one of text/template's own functions (`printf`, `len`, ...). */
export function callsGoBuiltin(pipeline: GoPipeline): boolean {
  return someOperand(pipeline, (o) => o.kind === 'ident' && GO_BUILTIN_FUNCTIONS.has(o.name));
}

/** Go's `file:line:column` of a position: the column counts bytes from the start of the line, from 0. */
export function goLocation(text: string, pos: number): string {
  const before = text.slice(0, pos);
  const lineStart = before.lastIndexOf('\n') + 1;
  const column = new TextEncoder().encode(before.slice(lineStart)).length;
  return `root:${lineAt(text, pos)}:${column}`;
}
