import {
  type GoCommand,
  type GoOperand,
  type GoPipeline,
  commandText,
  goLocation,
  operandText,
  pipelineText,
} from './go-template-parse.ts';
import { LEGACY_FUNCTION_NAMES } from './legacy-functions.ts';

/** A parameter of a template function, as Go types it. */
export type GoParamKind = 'string' | 'int';

export interface GoSignature {
  params: GoParamKind[];
  /** Any number of further string arguments. */
  variadic?: boolean;
}

/** Packer's template functions (packer-plugin-sdk `template/interpolate/funcs.go`) and their Go signatures. */
export const PACKER_TEMPLATE_FUNCTIONS: Readonly<Record<string, GoSignature>> = {
  build_name: { params: [] },
  build_type: { params: [] },
  env: { params: ['string'] },
  isotime: { params: [], variadic: true },
  strftime: { params: ['string'] },
  pwd: { params: [] },
  split: { params: ['string', 'string', 'int'] },
  template_dir: { params: [] },
  timestamp: { params: [] },
  uuid: { params: [] },
  user: { params: ['string'] },
  packer_version: { params: [] },
  consul_key: { params: ['string'] },
  vault: { params: ['string', 'string'] },
  sed: { params: ['string', 'string'] },
  build: { params: ['string'] },
  aws_secretsmanager: { params: [], variadic: true },
  aws_secretsmanager_raw: { params: ['string'] },
  replace: { params: ['string', 'string', 'int', 'string'] },
  replace_all: { params: ['string', 'string', 'string'] },
  upper: { params: ['string'] },
  lower: { params: ['string'] },
};

/** Where a template function's value comes from in the engine: a function, or a root variable's attribute. */
export type EngineBinding = { function: string } | { root: string; attribute: string };

/** The template functions that mean the same in legacy templates and in HCL2 plugin settings. */
export const SHARED_BINDINGS: Readonly<Record<string, EngineBinding>> = {
  build_name: { root: 'source', attribute: 'name' },
  build_type: { root: 'source', attribute: 'type' },
  pwd: { root: 'path', attribute: 'cwd' },
  packer_version: { root: 'packer', attribute: 'version' },
  isotime: { function: 'legacy_isotime' },
  strftime: { function: 'legacy_strftime' },
  uuid: { function: 'uuidv4' },
  lower: { function: 'lower' },
  upper: { function: 'upper' },
  timestamp: { function: LEGACY_FUNCTION_NAMES.timestamp },
  split: { function: LEGACY_FUNCTION_NAMES.split },
  replace: { function: LEGACY_FUNCTION_NAMES.replace },
  replace_all: { function: LEGACY_FUNCTION_NAMES.replace_all },
};

/** A function refusing its call: becomes Go's `error calling <name>: <message>`. */
export class GoCallFailure extends Error {}

/** A template that fails while it runs, worded as Go words it. */
export class GoTemplateExecError extends Error {
  constructor(
    readonly reason: string,
    readonly pos: number,
    readonly context: string,
  ) {
    super(reason);
  }

  /** `template: root:1:24: executing "root" at <\`ababa\`>: expected integer; found \`ababa\`` */
  text(template: string): string {
    return `template: ${goLocation(template, this.pos)}: executing "root" at <${this.context}>: ${this.reason}`;
  }
}

/**
 * What executing a pipeline does with its parts. `call` receives arguments already checked
 * against the function's signature; it throws GoCallFailure when the function refuses them.
 */
export interface GoCallHandler<T> {
  literal(operand: Extract<GoOperand, { kind: 'string' | 'number' }>): T;
  /** The value of a `.Field` action of its own (`{{ .Name }}`). */
  field(operand: Extract<GoOperand, { kind: 'field' }>): T;
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

  private at(operand: GoOperand): void {
    this.current = { pos: operand.pos, text: operandText(operand) };
  }

  private fail(reason: string): never {
    throw new GoTemplateExecError(reason, this.current.pos, this.current.text);
  }

  private pipeline(pipeline: GoPipeline): Typed<T> {
    let final: Typed<T> | undefined;
    for (const command of pipeline) final = this.command(command, final);
    return final as Typed<T>;
  }

  private command(command: GoCommand, final: Typed<T> | undefined): Typed<T> {
    const [first, ...args] = command.operands as [GoOperand, ...GoOperand[]];
    if (first.kind === 'ident') return this.call(first, args, final, command);
    if (first.kind === 'pipeline') this.current = { pos: command.pos, text: commandText(command) };
    else this.at(first);
    if (args.length > 0 || final) {
      const callee = first.kind === 'pipeline' ? pipelineText(first.pipeline) : operandText(first);
      this.fail(`can't give argument to non-function ${callee}`);
    }
    return this.operand(first);
  }

  private operand(operand: GoOperand): Typed<T> {
    switch (operand.kind) {
      case 'string':
        return { value: this.handler.literal(operand), type: 'string' };
      case 'number':
        return { value: this.handler.literal(operand), type: numberType(operand.text) };
      case 'field':
        return { value: this.handler.field(operand), type: 'invalid' };
      case 'ident':
        return this.call(operand, [], undefined, operand);
      case 'pipeline':
        return this.pipeline(operand.pipeline);
    }
  }

  private call(
    ident: Extract<GoOperand, { kind: 'ident' }>,
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
    const kindAt = (i: number): GoParamKind => signature.params[i] ?? 'string';
    const values = args.map((arg, i) => this.argument(arg, kindAt(i)));
    if (final) values.push(this.checked(final, kindAt(args.length)));
    try {
      return { value: this.handler.call(ident.name, values), type: 'string' };
    } catch (error) {
      if (!(error instanceof GoCallFailure)) throw error;
      const text = 'operands' in node ? commandText(node) : operandText(node);
      throw new GoTemplateExecError(`error calling ${ident.name}: ${error.message}`, node.pos, text);
    }
  }

  private argument(arg: GoOperand, kind: GoParamKind): T {
    this.at(arg);
    if (arg.kind === 'string') {
      if (kind === 'int') this.fail(`expected integer; found ${arg.text}`);
      return this.handler.literal(arg);
    }
    if (arg.kind === 'number') {
      if (kind === 'string') this.fail(`expected string; found ${arg.text}`);
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
