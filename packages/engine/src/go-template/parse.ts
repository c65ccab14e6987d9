/**
 * The parser of Packer's template strings: Go's text/template (`text/template/parse/parse.go`)
 * as packer-plugin-sdk's `interpolate` package uses it, with the template named `root`. Legacy
 * JSON templates translate or run the trees (`go-template.ts`); plugin settings of HCL2
 * templates are rendered from them (`../evaluate/render-go-templates.ts`).
 */
import { type Item, type ItemType, itemText, lexGoTemplate } from './lex.ts';
import { goQuote } from './quote.ts';

/** Positions (`pos`) are indices into the whole template string. */
export type GoArg =
  | { type: 'identifier'; name: string; pos: number }
  | { type: 'dot'; pos: number }
  | { type: 'nil'; pos: number }
  | { type: 'bool'; value: boolean; pos: number }
  | GoNumberNode
  | { type: 'string'; quoted: string; text: string; pos: number }
  /** `.A.B`: fields of the data (or of dot). */
  | { type: 'field'; ident: string[]; pos: number }
  /** `$x.A`: a variable and the fields read from it. */
  | GoVariableNode
  /** `(pipeline).A`: fields read from a value that is not a field or a variable. */
  | { type: 'chain'; node: GoArg; field: string[]; pos: number }
  | GoPipeNode;

export interface GoNumberNode {
  type: 'number';
  text: string;
  pos: number;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int: bigint;
  float: number;
  /** The real and imaginary parts of a complex constant. */
  complex: [number, number];
}

export interface GoVariableNode {
  type: 'variable';
  ident: string[];
  pos: number;
}

export interface GoCommandNode {
  type: 'command';
  args: GoArg[];
  pos: number;
}

export interface GoPipeNode {
  type: 'pipe';
  pos: number;
  line: number;
  isAssign: boolean;
  decl: GoVariableNode[];
  cmds: GoCommandNode[];
}

export interface GoListNode {
  type: 'list';
  pos: number;
  nodes: GoNode[];
}

export type GoBranchType = 'if' | 'range' | 'with';

interface GoBranch {
  pipe: GoPipeNode;
  list: GoListNode;
  elseList?: GoListNode;
  pos: number;
  line: number;
}

export type GoNode =
  | { type: 'text'; text: string; pos: number }
  /** `source`: the action as written, delimiters and trim markers included. */
  | { type: 'action'; pipe: GoPipeNode; pos: number; line: number; source: string }
  | (GoBranch & { type: 'if' })
  | (GoBranch & { type: 'range' })
  | (GoBranch & { type: 'with' })
  | { type: 'template'; name: string; pipe?: GoPipeNode; pos: number; line: number }
  | { type: 'break' | 'continue'; pos: number; line: number }
  | GoListNode;

/** A parsed template: its main tree and those `{{define}}`/`{{block}}` give names. */
export interface GoTemplate {
  text: string;
  root: GoListNode;
  defined: Map<string, GoListNode>;
}

/** A template that does not parse, worded as Go words it: `template: root:3: unclosed action`. */
export class GoTemplateParseError extends Error {}

/** Go's words for a template error. */
export function parseErrorText(error: GoTemplateParseError): string {
  return error.message;
}

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

/** Go's `String()` of a node, as error messages quote it. */
export function nodeText(node: GoNode | GoArg | GoCommandNode): string {
  switch (node.type) {
    case 'identifier':
      return node.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(node.value);
    case 'number':
      return node.text;
    case 'string':
      return node.quoted;
    case 'field':
      return node.ident.map((i) => `.${i}`).join('');
    case 'variable':
      return node.ident.join('.');
    case 'chain':
      return `${node.node.type === 'pipe' ? `(${nodeText(node.node)})` : nodeText(node.node)}${node.field.map((f) => `.${f}`).join('')}`;
    case 'command':
      return node.args.map((a) => (a.type === 'pipe' ? `(${nodeText(a)})` : nodeText(a))).join(' ');
    case 'pipe': {
      const decl =
        node.decl.length > 0 ? `${node.decl.map(nodeText).join(', ')} ${node.isAssign ? '=' : ':='} ` : '';
      return decl + node.cmds.map(nodeText).join(' | ');
    }
    case 'text':
      return goQuote(node.text);
    case 'action':
      return `{{${nodeText(node.pipe)}}}`;
    case 'if':
    case 'range':
    case 'with': {
      const elseText = node.elseList ? `{{else}}${nodeText(node.elseList)}` : '';
      return `{{${node.type} ${nodeText(node.pipe)}}}${nodeText(node.list)}${elseText}{{end}}`;
    }
    case 'template':
      return `{{template ${goQuote(node.name)}${node.pipe ? ` ${nodeText(node.pipe)}` : ''}}}`;
    case 'break':
    case 'continue':
      return `{{${node.type}}}`;
    case 'list':
      return node.nodes.map(nodeText).join('');
  }
}

type Control = { type: 'end' | 'else'; pos: number; line: number };

/** `strconv.Unquote` for the string forms the lexer accepts. */
function unquote(quoted: string): string | undefined {
  if (quoted.startsWith('`')) return quoted.slice(1, -1);
  let out = '';
  const body = quoted.slice(1, -1);
  for (let i = 0; i < body.length; ) {
    const c = body[i] as string;
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const r = unescapeAt(body, i + 1, '"');
    if (!r) return undefined;
    out += r.value;
    i = r.next;
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** One escape sequence after a backslash at `i` (`strconv.UnquoteChar`). */
function unescapeAt(s: string, i: number, quote: string): { value: string; next: number } | undefined {
  const e = s[i];
  if (e === undefined) return undefined;
  if (e in SIMPLE_ESCAPES) return { value: SIMPLE_ESCAPES[e] as string, next: i + 1 };
  if (e === quote) return { value: e, next: i + 1 };
  const hexLength = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
  if (hexLength > 0) {
    const digits = s.slice(i + 1, i + 1 + hexLength);
    if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(digits)) return undefined;
    const code = Number.parseInt(digits, 16);
    if (e === 'x') return { value: String.fromCharCode(code), next: i + 1 + hexLength };
    if (code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) return undefined;
    return { value: String.fromCodePoint(code), next: i + 1 + hexLength };
  }
  if (e >= '0' && e <= '7') {
    const digits = s.slice(i, i + 3);
    if (!/^[0-7]{3}$/.test(digits)) return undefined;
    const code = Number.parseInt(digits, 8);
    if (code > 255) return undefined;
    return { value: String.fromCharCode(code), next: i + 3 };
  }
  return undefined;
}

function parseIntText(text: string, unsigned: boolean): bigint | undefined {
  const clean = text.replace(/_/g, '');
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(clean);
  if (!m || (unsigned && m[1] !== '')) return undefined;
  const digits = m[2] as string;
  const body = /^0[0-7]+$/.test(digits) ? `0o${digits.slice(1)}` : digits;
  const n = BigInt(body) * (m[1] === '-' ? -1n : 1n);
  if (unsigned) return n < 2n ** 64n ? n : undefined;
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

function parseFloatText(text: string): number | undefined {
  const clean = text.replace(/_/g, '');
  if (/^[-+]?0[xX]/.test(clean)) {
    const m = /^([-+]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([-+]?[0-9]+)$/.exec(clean);
    if (!m) return undefined;
    const mantissa = Number.parseInt(`${m[2] || '0'}${m[3] ?? ''}`, 16) / 16 ** (m[3]?.length ?? 0);
    return (m[1] === '-' ? -1 : 1) * mantissa * 2 ** Number(m[4]);
  }
  if (!/^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(clean)) return undefined;
  return Number(clean);
}

/** `newNumber` of parse/node.go: what kinds of number a constant can be. */
function newNumber(pos: number, text: string, type: ItemType): GoNumberNode | string {
  const n: GoNumberNode = {
    type: 'number',
    text,
    pos,
    isInt: false,
    isUint: false,
    isFloat: false,
    isComplex: false,
    int: 0n,
    float: 0,
    complex: [0, 0],
  };
  if (type === 'charConstant') {
    const body = text.slice(1);
    let value: string;
    let rest: string;
    if (body[0] === '\\') {
      const r = unescapeAt(body, 1, "'");
      if (!r) return 'invalid syntax';
      value = r.value;
      rest = body.slice(r.next);
    } else {
      value = String.fromCodePoint(body.codePointAt(0) as number);
      rest = body.slice(value.length);
    }
    if (rest !== "'") return `malformed character constant: ${text}`;
    const code = value.codePointAt(0) as number;
    return { ...n, isInt: true, isUint: true, isFloat: true, int: BigInt(code), float: code };
  }
  if (type === 'complex' || text.endsWith('i')) {
    const m = /^([-+]?[0-9._eE]+?)?([-+][0-9._eE]*)?i$/.exec(text);
    const real = type === 'complex' ? parseFloatText(m?.[1] ?? '') : 0;
    const imaginary = parseFloatText(type === 'complex' ? (m?.[2] ?? '') : text.slice(0, -1));
    if (real === undefined || imaginary === undefined) return `illegal number syntax: ${goQuote(text)}`;
    const c: GoNumberNode = { ...n, isComplex: true, complex: [real, imaginary] };
    if (imaginary === 0) {
      c.isFloat = true;
      c.float = real;
      if (Number.isInteger(real) && Math.abs(real) < 2 ** 63) {
        c.isInt = true;
        c.int = BigInt(real);
        c.isUint = real >= 0;
      }
    }
    return c;
  }
  const u = parseIntText(text, true);
  const i = parseIntText(text, false);
  if (u !== undefined) Object.assign(n, { isUint: true });
  if (i !== undefined) Object.assign(n, { isInt: true, int: i });
  if (n.isInt) Object.assign(n, { isFloat: true, float: Number(n.int) });
  else if (n.isUint) Object.assign(n, { isFloat: true, float: Number(u), int: u as bigint });
  else {
    const f = parseFloatText(text);
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
      n.isFloat = true;
      n.float = f;
      if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
        n.isInt = true;
        n.int = BigInt(f);
        n.isUint = f >= 0;
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return `illegal number syntax: ${goQuote(text)}`;
  return n;
}

class Parser {
  private index = 0;
  /** The furthest item read: Go reports parse errors on its line. */
  private furthest = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;
  private depth = 0;
  readonly defined = new Map<string, GoListNode>();

  constructor(
    private readonly text: string,
    private readonly items: Item[],
    private readonly isFunction: (name: string) => boolean,
  ) {}

  private fail(message: string): never {
    const token = this.items[Math.min(this.furthest, this.items.length - 1)] as Item;
    throw new GoTemplateParseError(`template: root:${token.line}: ${message}`);
  }

  private at(index: number): Item {
    this.furthest = Math.max(this.furthest, Math.min(index, this.items.length - 1));
    return this.items[Math.min(index, this.items.length - 1)] as Item;
  }

  private next(): Item {
    return this.at(this.index++);
  }

  private backup(count = 1): void {
    this.index -= count;
  }

  private peek(): Item {
    return this.at(this.index);
  }

  private nextNonSpace(): Item {
    let item = this.next();
    while (item.type === 'space') item = this.next();
    return item;
  }

  private peekNonSpace(): Item {
    const item = this.nextNonSpace();
    this.backup();
    return item;
  }

  private expect(type: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.type !== type) this.unexpected(token, context);
    return token;
  }

  private unexpected(token: Item, context: string): never {
    if (token.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at root:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.fail(`${token.val}${extra}`);
    }
    return this.fail(`unexpected ${itemText(token)} in ${context}`);
  }

  parse(): GoListNode {
    const root: GoListNode = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== 'EOF') {
      if (this.peek().type === 'leftDelim') {
        const start = this.index;
        this.next();
        if (this.nextNonSpace().type === 'define') {
          this.definition();
          continue;
        }
        this.index = start;
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.fail(`unexpected {{${n.type}}}`);
      root.nodes.push(n as GoNode);
    }
    return root;
  }

  private definition(): void {
    const context = 'define clause';
    const token = this.nextNonSpace();
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    const name = unquote(token.val);
    if (name === undefined) this.fail('invalid syntax');
    this.expect('rightDelim', context);
    const saved = this.vars;
    this.vars = ['$'];
    const [list, end] = this.itemList();
    this.vars = saved;
    if (end.type !== 'end') this.fail(`unexpected {{${end.type}}} in ${context}`);
    this.add(name, list);
  }

  private add(name: string, list: GoListNode): void {
    const existing = this.defined.get(name);
    if (existing && !isEmptyTree(existing) && !isEmptyTree(list))
      this.fail(`template: multiple definition of template ${goQuote(name)}`);
    if (!existing || !isEmptyTree(list)) this.defined.set(name, list);
  }

  private itemList(): [GoListNode, Control] {
    const list: GoListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== 'EOF') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n as Control];
      list.nodes.push(n as GoNode);
    }
    return this.fail('unexpected EOF');
  }

  private textOrAction(): GoNode | Control {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'text':
        return { type: 'text', text: token.val, pos: token.pos };
      case 'leftDelim': {
        this.actionLine = token.line;
        try {
          const node = this.action();
          if (node.type === 'action') {
            const close = this.items[this.index - 1] as Item;
            node.source = this.text.slice(token.pos, close.pos + close.val.length);
          }
          return node;
        } finally {
          this.actionLine = 0;
        }
      }
      default:
        return this.unexpected(token, 'input');
    }
  }

  private action(): GoNode | Control {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue': {
        const next = this.nextNonSpace();
        if (next.type !== 'rightDelim') this.unexpected(next, `{{${token.type}}}`);
        if (this.rangeDepth === 0) this.fail(`{{${token.type}}} outside {{range}}`);
        return { type: token.type, pos: token.pos, line: token.line };
      }
      case 'else': {
        const peek = this.peekNonSpace();
        if (peek.type === 'if' || peek.type === 'with')
          return { type: 'else', pos: peek.pos, line: peek.line };
        const end = this.expect('rightDelim', 'else');
        return { type: 'else', pos: end.pos, line: end.line };
      }
      case 'end':
        return { type: 'end', pos: this.expect('rightDelim', 'end').pos, line: token.line };
      case 'if':
      case 'range':
      case 'with':
        return this.control(token.type);
      case 'template':
        return this.templateControl();
    }
    this.backup();
    const first = this.peek();
    const pipe = this.pipeline('command', 'rightDelim');
    return { type: 'action', pipe, pos: first.pos, line: first.line, source: '' };
  }

  private pipeline(context: string, end: ItemType): GoPipeNode {
    const token = this.peekNonSpace();
    const pipe: GoPipeNode = {
      type: 'pipe',
      pos: token.pos,
      line: token.line,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') break;
      this.next();
      const next = this.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', ident: v.val.split('.'), pos: v.pos });
        this.vars.push(v.val);
      } else if (next.type === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', ident: v.val.split('.'), pos: v.pos });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const after = this.peekNonSpace().type;
          if (after === 'variable' || after === 'rightDelim' || after === 'rightParen') continue;
          this.fail('range can only initialize variables');
        }
        this.fail(`too many declarations in ${context}`);
      } else {
        // Not a declaration: put the variable (and the space after it) back.
        this.index = this.items.indexOf(v);
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (token.type) {
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private checkPipeline(pipe: GoPipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0]?.type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string')
        this.fail(`non executable command in pipeline stage ${i + 2}`);
    });
  }

  private control(context: GoBranchType): GoNode {
    const mark = this.vars.length;
    const pipe = this.pipeline(context, 'rightDelim');
    if (context === 'range') this.rangeDepth++;
    let [list, next] = this.itemList();
    if (context === 'range') this.rangeDepth--;
    let elseList: GoListNode | undefined;
    if (next.type === 'else') {
      if ((context === 'if' || context === 'with') && this.peek().type === context) {
        this.next();
        elseList = { type: 'list', pos: next.pos, nodes: [this.control(context)] };
      } else {
        [elseList, next] = this.itemList();
        if (next.type !== 'end') this.fail(`expected end; found {{${next.type}}}`);
      }
    }
    this.vars.length = mark;
    return {
      type: context,
      pipe,
      list,
      ...(elseList ? { elseList } : {}),
      pos: pipe.pos,
      line: pipe.line,
    } as GoNode;
  }

  private templateName(token: Item, context: string): string {
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    const name = unquote(token.val);
    if (name === undefined) this.fail('invalid syntax');
    return name;
  }

  private blockControl(): GoNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const saved = { vars: this.vars, rangeDepth: this.rangeDepth };
    this.vars = ['$'];
    this.rangeDepth = 0;
    const [list, end] = this.itemList();
    Object.assign(this, saved);
    if (end.type !== 'end') this.fail(`unexpected {{${end.type}}} in ${context}`);
    this.add(name, list);
    return { type: 'template', name, pipe, pos: token.pos, line: token.line };
  }

  private templateControl(): GoNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: GoPipeNode | undefined;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', name, ...(pipe ? { pipe } : {}), pos: token.pos, line: token.line };
  }

  private command(): GoCommandNode {
    const cmd: GoCommandNode = { type: 'command', args: [], pos: this.peekNonSpace().pos };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.backup();
      else if (token.type !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.fail('empty command');
    return cmd;
  }

  private operand(): GoArg | undefined {
    const node = this.term();
    if (!node || this.peek().type !== 'field') return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(...this.next().val.slice(1).split('.'));
    switch (node.type) {
      case 'field':
        return { type: 'field', ident: [...node.ident, ...fields], pos };
      case 'variable':
        return { type: 'variable', ident: [...node.ident, ...fields], pos };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        return this.fail(`unexpected . after term ${goQuote(nodeText(node))}`);
      default:
        return { type: 'chain', node, field: fields, pos };
    }
  }

  private term(): GoArg | undefined {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'identifier':
        if (!this.isFunction(token.val)) this.fail(`function ${goQuote(token.val)} not defined`);
        return { type: 'identifier', name: token.val, pos: token.pos };
      case 'dot':
        return { type: 'dot', pos: token.pos };
      case 'nil':
        return { type: 'nil', pos: token.pos };
      case 'variable': {
        const ident = token.val.split('.');
        if (!this.vars.includes(ident[0] as string))
          this.fail(`undefined variable ${goQuote(ident[0] as string)}`);
        return { type: 'variable', ident, pos: token.pos };
      }
      case 'field':
        return { type: 'field', ident: token.val.slice(1).split('.'), pos: token.pos };
      case 'bool':
        return { type: 'bool', value: token.val === 'true', pos: token.pos };
      case 'charConstant':
      case 'complex':
      case 'number': {
        const n = newNumber(token.pos, token.val, token.type);
        if (typeof n === 'string') this.fail(n);
        return n;
      }
      case 'leftParen': {
        if (this.depth >= 10000) this.fail('max expression depth exceeded');
        this.depth++;
        try {
          return this.pipeline('parenthesized pipeline', 'rightParen');
        } finally {
          this.depth--;
        }
      }
      case 'string':
      case 'rawString': {
        const text = unquote(token.val);
        if (text === undefined) this.fail('invalid syntax');
        return { type: 'string', quoted: token.val, text, pos: token.pos };
      }
    }
    this.backup();
    return undefined;
  }
}

function isEmptyTree(list: GoListNode): boolean {
  return list.nodes.every((n) => n.type === 'text' && n.text.trim() === '');
}

/**
 * Parses a template string. `isFunction` says which names are defined besides Go's own (Go
 * refuses undefined ones while parsing, before anything runs). Throws GoTemplateParseError.
 */
export function parseGoTemplate(text: string, isFunction: (name: string) => boolean): GoTemplate {
  const parser = new Parser(
    text,
    lexGoTemplate(text),
    (name) => GO_BUILTIN_FUNCTIONS.has(name) || isFunction(name),
  );
  let root: GoListNode;
  try {
    root = parser.parse();
  } catch (error) {
    // Go's parser recurses on a stack that grows; ours stops at the call stack's end.
    if (error instanceof RangeError) throw new GoTemplateParseError('template: root: nesting too deep');
    throw error;
  }
  const defined = parser.defined;
  if (!defined.has('root') || !isEmptyTree(root)) defined.set('root', root);
  return { text, root: defined.get('root') as GoListNode, defined };
}

/** Go's `file:line:column` of a position: the column counts bytes from the start of the line, from 0. */
export function goLocation(text: string, pos: number): string {
  const before = text.slice(0, pos);
  const lineStart = before.lastIndexOf('\n') + 1;
  const column = new TextEncoder().encode(before.slice(lineStart)).length;
  let line = 1;
  for (const c of before) if (c === '\n') line++;
  return `root:${line}:${column}`;
}

/** Every node of a tree and of the templates it defines, arguments included, for inspection. */
export function* walkGoTemplate(template: GoTemplate): Generator<GoNode | GoArg | GoCommandNode> {
  function* visit(node: GoNode | GoArg | GoCommandNode): Generator<GoNode | GoArg | GoCommandNode> {
    yield node;
    switch (node.type) {
      case 'list':
        for (const n of node.nodes) yield* visit(n);
        break;
      case 'action':
        yield* visit(node.pipe);
        break;
      case 'if':
      case 'range':
      case 'with':
        yield* visit(node.pipe);
        yield* visit(node.list);
        if (node.elseList) yield* visit(node.elseList);
        break;
      case 'template':
        if (node.pipe) yield* visit(node.pipe);
        break;
      case 'pipe':
        for (const d of node.decl) yield* visit(d);
        for (const c of node.cmds) yield* visit(c);
        break;
      case 'command':
        for (const a of node.args) yield* visit(a);
        break;
      case 'chain':
        yield* visit(node.node);
        break;
    }
  }
  for (const list of new Set([template.root, ...template.defined.values()])) yield* visit(list);
}
