/**
 * Translation of a legacy template's plain actions (`{{ user \`x\` }}`, `{{ upper (timestamp) }}`)
 * into values of another kind (HCL expressions): Packer's functions called with literals and
 * nested calls, checked against their Go signatures in the order Go's executor checks them.
 */
import { GoCallFailure, GoTemplateExecError } from '../go-template/exec.ts';
import type { GoSignature } from './go-template-packer.ts';
import { type GoArg, type GoCommandNode, type GoPipeNode, nodeText } from '../go-template/parse.ts';

type GoOperand = GoArg;
type GoCommand = GoCommandNode;
type GoPipeline = GoPipeNode;
type GoParamKind = 'string' | 'int';
const operandText = nodeText;
const commandText = nodeText;
const pipelineText = nodeText;

/**
 * Whether an action is a plain call of Packer's functions on literals (what `GoPipelineRunner`
 * translates), reading fields of the data at most.
 */
export function isPlainPipeline(pipe: GoPipeNode, isPacker: (name: string) => boolean): boolean {
  if (pipe.decl.length > 0) return false;
  return pipe.cmds.every((c) =>
    c.args.every(
      (a) =>
        a.type === 'string' ||
        a.type === 'field' ||
        (a.type === 'number' && !a.isComplex) ||
        (a.type === 'identifier' && isPacker(a.name)) ||
        (a.type === 'pipe' && isPlainPipeline(a, isPacker)),
    ),
  );
}

export interface GoCallHandler<T> {
  literal(operand: Extract<GoOperand, { type: 'string' | 'number' }>): T;
  /** The value of a `.Field` action of its own (`{{ .Name }}`). */
  field(operand: Extract<GoOperand, { type: 'field' }>): T;
  call(name: string, args: T[]): T;
}

/** A value with the Go type it has while the template runs. */
interface Typed<T> {
  value: T;
  type: 'string' | 'int' | 'float64' | 'invalid';
}

function numberType(text: string): 'int' | 'float64' {
  return /^[-+]?(0[xX][0-9a-fA-F_]+|[0-9_]+)$/.test(text) ? 'int' : 'float64';
}

/**
 * Runs a pipeline with Go's rules: argument counts, literal types and the type of every value
 * handed to a function are checked in the order Go evaluates them. Throws GoTemplateExecError.
 */
export class GoPipelineRunner<T> {
  /** The node Go's executor is at: errors about a value checked after the fact name it. */
  private current: { pos: number; text: string } = { pos: 0, text: '' };

  constructor(
    private readonly handler: GoCallHandler<T>,
    private readonly signatures: Readonly<Record<string, GoSignature>>,
  ) {}

  run(pipeline: GoPipeline): T {
    return this.pipeline(pipeline).value;
  }

  private operands(command: GoCommand): GoOperand[] {
    return command.args;
  }

  private at(operand: GoOperand): void {
    this.current = { pos: operand.pos, text: operandText(operand) };
  }

  private fail(reason: string): never {
    throw new GoTemplateExecError(reason, this.current.pos, this.current.text);
  }

  private pipeline(pipeline: GoPipeline): Typed<T> {
    let final: Typed<T> | undefined;
    for (const command of pipeline.cmds) final = this.command(command, final);
    return final as Typed<T>;
  }

  private command(command: GoCommand, final: Typed<T> | undefined): Typed<T> {
    const [first, ...args] = this.operands(command) as [GoOperand, ...GoOperand[]];
    if (first.type === 'identifier') return this.call(first, args, final, command);
    if (first.type === 'pipe') this.current = { pos: command.pos, text: commandText(command) };
    else this.at(first);
    if (args.length > 0 || final) {
      const callee = first.type === 'pipe' ? pipelineText(first) : operandText(first);
      this.fail(`can't give argument to non-function ${callee}`);
    }
    return this.operand(first);
  }

  private operand(operand: GoOperand): Typed<T> {
    switch (operand.type) {
      case 'string':
        return { value: this.handler.literal(operand), type: 'string' };
      case 'number':
        return { value: this.handler.literal(operand), type: numberType(operand.text) };
      case 'field':
        return { value: this.handler.field(operand), type: 'invalid' };
      case 'identifier':
        return this.call(operand, [], undefined, operand);
      case 'pipe':
        return this.pipeline(operand);
      default:
        return this.fail(`can't evaluate ${operandText(operand)} here`);
    }
  }

  private call(
    ident: Extract<GoOperand, { type: 'identifier' }>,
    args: GoOperand[],
    final: Typed<T> | undefined,
    node: GoCommand | GoOperand,
  ): Typed<T> {
    this.at(ident);
    const signature = this.signatures[ident.name];
    if (!signature) this.fail(`"${ident.name}" is not a defined function`);
    const count = args.length + (final ? 1 : 0);
    const fixed = signature.params.length;
    if (signature.variadic ? count < fixed : count !== fixed) {
      const want = `${signature.variadic ? 'at least ' : ''}${fixed}`;
      this.fail(`wrong number of args for ${ident.name}: want ${want} got ${count}`);
    }
    const kindAt = (i: number): GoParamKind => (signature.params[i] === 'int' ? 'int' : 'string');
    const values = args.map((arg, i) => this.argument(arg, kindAt(i)));
    if (final) values.push(this.checked(final, kindAt(args.length)));
    try {
      return { value: this.handler.call(ident.name, values), type: 'string' };
    } catch (error) {
      if (!(error instanceof GoCallFailure)) throw error;
      const text = nodeText(node);
      throw new GoTemplateExecError(`error calling ${ident.name}: ${error.message}`, node.pos, text);
    }
  }

  private argument(arg: GoOperand, kind: GoParamKind): T {
    this.at(arg);
    if (arg.type === 'string') {
      if (kind === 'int') this.fail(`expected integer; found ${nodeText(arg)}`);
      return this.handler.literal(arg);
    }
    if (arg.type === 'number') {
      if (kind === 'string') this.fail(`expected string; found ${nodeText(arg)}`);
      if (numberType(arg.text) !== 'int') this.fail(`expected integer; found ${arg.text}`);
      return this.handler.literal(arg);
    }
    return this.checked(this.operand(arg), kind);
  }

  private checked(value: Typed<T>, kind: GoParamKind): T {
    if (value.type === kind) return value.value;
    return this.fail(
      value.type === 'invalid'
        ? `invalid value; expected ${kind}`
        : `wrong type for value; expected ${kind}; got ${value.type}`,
    );
  }
}

/** Whether the pipeline reads a field of the data anywhere. */
export function readsField(pipe: GoPipeNode): boolean {
  return pipe.cmds.some((c) =>
    c.args.some((a) => a.type === 'field' || (a.type === 'pipe' && readsField(a))),
  );
}
