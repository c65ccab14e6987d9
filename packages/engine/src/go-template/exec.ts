/**
 * The executor of Go's text/template (`text/template/exec.go`) over the trees of
 * `parse.ts`: actions, if/else, range (with break and continue), with, define,
 * template and block, variables, pipelines, Go's builtin functions and the caller's functions,
 * with Go's argument checks and error messages.
 */
import { GO_BUILTINS } from './builtins.ts';
import {
  type GoArg,
  type GoCommandNode,
  type GoListNode,
  type GoNode,
  type GoNumberNode,
  type GoPipeNode,
  type GoTemplate,
  type GoVariableNode,
  goLocation,
  nodeText,
} from './parse.ts';
import {
  type GoValue,
  INVALID,
  NIL,
  goInt,
  goTruth,
  goTypeName,
  printValue,
  printed,
  sortedEntries,
} from './value.ts';

/** A parameter type of a template function, as Go declares it. */
export type GoParamType = 'string' | 'int' | 'any' | 'value';

export interface GoFunction {
  params: GoParamType[];
  /** The type of any number of further arguments. */
  variadic?: GoParamType;
  /** Throws GoCallFailure when the function returns an error. */
  call(args: GoValue[]): GoValue;
}

/** A function refusing its call: becomes Go's `error calling <name>: <message>`. */
export class GoCallFailure extends Error {}

/** A template that fails while it runs, worded as Go words it. */
export class GoTemplateExecError extends Error {
  constructor(
    readonly reason: string,
    readonly pos: number,
    readonly context: string,
    readonly templateName = 'root',
  ) {
    super(reason);
  }

  /** `template: root:1:24: executing "root" at <\`ababa\`>: expected integer; found \`ababa\`` */
  text(template: string): string {
    return `template: ${goLocation(template, this.pos)}: executing "${this.templateName}" at <${this.context}>: ${this.reason}`;
  }
}

/** The previous command's result is absent (Go's `missingVal`). */
const MISSING: GoValue = { kind: 'invalid' };
const MAX_DEPTH = 100000;

/**
 * Go sets no bound on a template's work; a server renders templates of many tenants, so one
 * rendering stops after this many executed nodes or characters of output (a real template uses a
 * few hundred of each), with an error rather than a hung or exhausted worker.
 */
export const MAX_TEMPLATE_STEPS = 1_000_000;
export const MAX_TEMPLATE_OUTPUT = 16 * 1024 * 1024;

/** What one rendering has used so far, shared by the templates it calls. */
interface Budget {
  steps: number;
  output: number;
}

class Break {}
class Continue {}

interface Variable {
  name: string;
  value: GoValue;
}

type Node = GoNode | GoArg | GoCommandNode;

class State {
  private node: Node | undefined;
  private depth = 0;

  constructor(
    private readonly template: GoTemplate,
    private readonly functions: Readonly<Record<string, GoFunction>>,
    private name: string,
    private vars: Variable[],
    private readonly budget: Budget = { steps: 0, output: 0 },
  ) {}

  private emit(out: string[], text: string): void {
    this.budget.output += text.length;
    if (this.budget.output > MAX_TEMPLATE_OUTPUT)
      this.fail(`template output exceeds ${MAX_TEMPLATE_OUTPUT} characters`);
    out.push(text);
  }

  at(node: Node): void {
    this.node = node;
  }

  fail(reason: string): never {
    const node = this.node;
    throw new GoTemplateExecError(reason, node?.pos ?? 0, node ? nodeText(node) : '', this.name);
  }

  private push(name: string, value: GoValue): void {
    this.vars.push({ name, value });
  }

  private setVar(name: string, value: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i] as Variable;
      if (v.name === name) {
        v.value = value;
        return;
      }
    }
    this.fail(`undefined variable: ${name}`);
  }

  private varValue(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i] as Variable;
      if (v.name === name) return v.value;
    }
    return this.fail(`undefined variable: ${name}`);
  }

  walk(dot: GoValue, node: GoNode, out: string[]): void {
    this.at(node);
    if (++this.budget.steps > MAX_TEMPLATE_STEPS)
      this.fail(`template execution exceeds ${MAX_TEMPLATE_STEPS} steps`);
    switch (node.type) {
      case 'action': {
        const value = this.pipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) {
          this.at(node);
          this.emit(out, printed(value));
        }
        return;
      }
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const value = this.pipeline(dot, node.pipe);
        if (goTruth(value)) this.walk(node.type === 'with' ? value : dot, node.list, out);
        else if (node.elseList) this.walk(dot, node.elseList, out);
        this.vars.length = mark;
        return;
      }
      case 'list':
        for (const n of node.nodes) this.walk(dot, n, out);
        return;
      case 'range':
        this.range(dot, node, out);
        return;
      case 'template':
        this.walkTemplate(dot, node, out);
        return;
      case 'text':
        this.emit(out, node.text);
        return;
    }
  }

  private range(dot: GoValue, r: Extract<GoNode, { type: 'range' }>, out: string[]): void {
    this.at(r);
    const outer = this.vars.length;
    const value = this.pipeline(dot, r.pipe);
    const mark = this.vars.length;
    const decl = r.pipe.decl;
    const one = (index: GoValue, elem: GoValue): boolean => {
      if (decl.length > 0) {
        if (r.pipe.isAssign) this.setVar(decl[0]?.ident[0] as string, decl.length > 1 ? index : elem);
        else (this.vars[this.vars.length - 1] as Variable).value = elem;
      }
      if (decl.length > 1) {
        if (r.pipe.isAssign) this.setVar(decl[1]?.ident[0] as string, elem);
        else (this.vars[this.vars.length - 2] as Variable).value = index;
      }
      try {
        this.walk(elem, r.list, out);
      } catch (error) {
        if (error instanceof Break) return false;
        if (!(error instanceof Continue)) throw error;
      } finally {
        this.vars.length = mark;
      }
      return true;
    };
    let ran = false;
    switch (value.kind) {
      case 'int': {
        if (decl.length > 1)
          this.fail(`can't use ${printValue(value)} to iterate over more than one variable`);
        for (let i = 0n; i < value.value; i++) {
          ran = true;
          if (!one(INVALID, goInt(i))) break;
        }
        break;
      }
      case 'slice':
        for (const [i, item] of value.items.entries()) {
          ran = true;
          if (!one(goInt(BigInt(i)), item)) break;
        }
        break;
      case 'map':
        for (const [k, item] of sortedEntries(value)) {
          ran = true;
          if (!one({ kind: 'string', value: k }, item)) break;
        }
        break;
      case 'invalid':
        break;
      default:
        this.fail(`range can't iterate over ${printValue(value)}`);
    }
    if (!ran && r.elseList) this.walk(dot, r.elseList, out);
    this.vars.length = outer;
  }

  private walkTemplate(dot: GoValue, t: Extract<GoNode, { type: 'template' }>, out: string[]): void {
    this.at(t);
    const list = this.template.defined.get(t.name);
    if (!list) this.fail(`template "${t.name}" not defined`);
    if (this.depth === MAX_DEPTH) this.fail(`exceeded maximum template depth (${MAX_DEPTH})`);
    const value = t.pipe ? this.pipeline(dot, t.pipe) : INVALID;
    const inner = new State(this.template, this.functions, t.name, [{ name: '$', value }], this.budget);
    inner.depth = this.depth + 1;
    inner.walk(value, list as GoListNode, out);
  }

  private pipeline(dot: GoValue, pipe: GoPipeNode): GoValue {
    this.at(pipe);
    let value = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.command(dot, cmd, value);
      if (value.kind === 'nil') value = INVALID;
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0] as string, value);
      else this.push(v.ident[0] as string, value);
    }
    return value;
  }

  private notAFunction(args: GoArg[], final: GoValue): void {
    if (args.length > 1 || final !== MISSING)
      this.fail(`can't give argument to non-function ${nodeText(args[0] as GoArg)}`);
  }

  private command(dot: GoValue, cmd: GoCommandNode, final: GoValue): GoValue {
    const first = cmd.args[0] as GoArg;
    switch (first.type) {
      case 'field':
        this.at(first);
        return this.fieldChain(dot, first.ident, cmd.args, final);
      case 'chain':
        return this.chain(dot, first, cmd.args, final);
      case 'identifier':
        return this.function(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.pipeline(dot, first);
      case 'variable':
        return this.variable(first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return { kind: 'bool', value: first.value };
      case 'dot':
        return dot;
      case 'nil':
        return this.fail('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return { kind: 'string', value: first.text };
    }
  }

  private idealConstant(n: GoNumberNode): GoValue {
    this.at(n);
    const hex = /^[-+]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isComplex) return { kind: 'complex128', value: n.complex };
    if (n.isFloat && !hex && !n.text.startsWith("'") && /[.eEpP]/.test(n.text))
      return { kind: 'float64', value: n.float };
    if (n.isInt) return goInt(n.int);
    if (n.isUint) this.fail(`${n.text} overflows int`);
    return INVALID;
  }

  private chain(
    dot: GoValue,
    chain: Extract<GoArg, { type: 'chain' }>,
    args: GoArg[],
    final: GoValue,
  ): GoValue {
    this.at(chain);
    if (chain.node.type === 'nil') this.fail(`indirection through explicit nil in ${nodeText(chain)}`);
    const receiver = this.arg(dot, undefined, chain.node);
    return this.fieldChain(receiver, chain.field, args, final);
  }

  private variable(v: GoVariableNode, args: GoArg[] | undefined, final: GoValue): GoValue {
    this.at(v);
    const value = this.varValue(v.ident[0] as string);
    if (v.ident.length === 1) {
      if (args) this.notAFunction(args, final);
      return value;
    }
    return this.fieldChain(value, v.ident.slice(1), args, final);
  }

  private fieldChain(receiver: GoValue, ident: string[], args: GoArg[] | undefined, final: GoValue): GoValue {
    let r = receiver;
    for (const name of ident.slice(0, -1)) r = this.field(name, undefined, MISSING, r);
    return this.field(ident[ident.length - 1] as string, args, final, r);
  }

  private field(name: string, args: GoArg[] | undefined, final: GoValue, receiver: GoValue): GoValue {
    if (receiver.kind === 'invalid') return INVALID;
    if (receiver.kind === 'nil') this.fail(`nil pointer evaluating interface {}.${name}`);
    if (receiver.kind === 'map') {
      if ((args?.length ?? 0) > 1 || final !== MISSING)
        this.fail(`${name} is not a method but has arguments`);
      return receiver.entries.get(name) ?? INVALID;
    }
    return this.fail(`can't evaluate field ${name} in type ${goTypeName(receiver)}`);
  }

  private function(
    dot: GoValue,
    node: Extract<GoArg, { type: 'identifier' }>,
    cmd: Node,
    args: GoArg[] | undefined,
    final: GoValue,
  ): GoValue {
    this.at(node);
    const name = node.name;
    const fn = this.functions[name] ?? GO_BUILTINS[name];
    if (!fn) this.fail(`"${name}" is not a defined function`);
    const builtin = !(name in this.functions);
    return this.call(dot, fn as GoFunction, builtin, cmd, name, args ? args.slice(1) : [], final);
  }

  private call(
    dot: GoValue,
    fn: GoFunction,
    builtin: boolean,
    node: Node,
    name: string,
    args: GoArg[],
    final: GoValue,
  ): GoValue {
    const numIn = args.length + (final === MISSING ? 0 : 1);
    const numFixed = fn.variadic ? fn.params.length : args.length;
    if (fn.variadic) {
      if (numIn < numFixed)
        this.fail(`wrong number of args for ${name}: want at least ${fn.params.length} got ${args.length}`);
    } else if (numIn !== fn.params.length) {
      this.fail(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }
    if (builtin && (name === 'and' || name === 'or')) {
      let v = INVALID;
      for (const a of args) {
        v = this.arg(dot, 'value', a);
        if (goTruth(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validate(final, 'value');
      return v;
    }
    const argv: GoValue[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.arg(dot, fn.params[i], args[i] as GoArg));
    if (fn.variadic) for (; i < args.length; i++) argv.push(this.arg(dot, fn.variadic, args[i] as GoArg));
    if (final !== MISSING) {
      const type = fn.variadic && numIn - 1 >= numFixed ? fn.variadic : fn.params[numIn - 1];
      argv.push(this.validate(final, type));
    }
    if (builtin && name === 'call') {
      const callee = args.length === 0 ? final : undefined;
      const calleeName = callee ? valueString(callee) : nodeText(args[0] as GoArg);
      argv.unshift({ kind: 'string', value: calleeName });
    }
    try {
      return fn.call(argv);
    } catch (error) {
      if (!(error instanceof GoCallFailure)) throw error;
      this.at(node);
      return this.fail(`error calling ${name}: ${error.message}`);
    }
  }

  private validate(value: GoValue, type: GoParamType | undefined): GoValue {
    if (value.kind === 'invalid' || value === MISSING) {
      if (type === undefined || type === 'any') return NIL;
      if (type === 'value') return INVALID;
      this.fail(`invalid value; expected ${type}`);
    }
    if (type === undefined || type === 'any' || type === 'value') return value;
    if (value.kind !== type) this.fail(`wrong type for value; expected ${type}; got ${goTypeName(value)}`);
    return value;
  }

  private arg(dot: GoValue, type: GoParamType | undefined, n: GoArg): GoValue {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validate(dot, type);
      case 'nil':
        if (type === 'any') return NIL;
        if (type === 'value' || type === undefined) return INVALID;
        return this.fail(`cannot assign nil to ${type}`);
      case 'field':
        return this.validate(this.fieldChain(dot, n.ident, [n], MISSING), type);
      case 'variable':
        return this.validate(this.variable(n, undefined, MISSING), type);
      case 'pipe':
        return this.validate(this.pipeline(dot, n), type);
      case 'identifier':
        return this.validate(this.function(dot, n, n, undefined, MISSING), type);
      case 'chain':
        return this.validate(this.chain(dot, n, [], MISSING), type);
    }
    switch (type) {
      case 'int':
        if (n.type === 'number' && n.isInt) return goInt(n.int);
        return this.fail(`expected integer; found ${nodeText(n)}`);
      case 'string':
        if (n.type === 'string') return { kind: 'string', value: n.text };
        return this.fail(`expected string; found ${nodeText(n)}`);
      default:
        if (n.type === 'bool') return { kind: 'bool', value: n.value };
        if (n.type === 'number') return this.idealConstant(n);
        return { kind: 'string', value: n.text };
    }
  }
}

/** `reflect.Value.String()`: a string's text, `<int Value>` for others. */
function valueString(v: GoValue): string {
  if (v.kind === 'string') return v.value;
  if (v.kind === 'invalid' || v.kind === 'nil') return '<invalid Value>';
  return `<${goTypeName(v)} Value>`;
}

/** Executes a parsed template with `data` as dot. Throws GoTemplateExecError. */
export function executeGoTemplate(
  template: GoTemplate,
  functions: Readonly<Record<string, GoFunction>>,
  data: GoValue,
): string {
  const out: string[] = [];
  const state = new State(template, functions, 'root', [{ name: '$', value: data }]);
  try {
    state.walk(data, template.root, out);
  } catch (error) {
    if (error instanceof RangeError && !(error instanceof GoTemplateExecError)) {
      if (/call stack/i.test(error.message)) state.fail(`exceeded maximum template depth (${MAX_DEPTH})`);
      state.fail(`template output too large: ${error.message}`);
    }
    throw error;
  }
  return out.join('');
}
