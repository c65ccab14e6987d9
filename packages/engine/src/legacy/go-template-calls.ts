/**
 * The function calls of a legacy template's actions as HCL expressions: `{{user `x`}}` is
 * `var.x`, `{{build_name}}` is `source.name`, `{{timestamp}}` a call of `legacy::timestamp`.
 */
import type { Diagnostic, SourceRange } from '../errors/diagnostic.ts';
import type { Expression } from '../parse/ast.ts';
import { GoCallFailure } from '../go-template/exec.ts';
import {
  type EngineBinding,
  type GoSignature,
  PACKER_TEMPLATE_FUNCTIONS,
  SHARED_BINDINGS,
} from './go-template-packer.ts';
import type { GoArg } from '../go-template/parse.ts';
import type { GoCallHandler } from './go-template-translate.ts';
import { LEGACY_FUNCTION_NAMES } from './legacy-function-names.ts';

/**
 * Where a string appears: `env` (and the secret readers) are allowed only in variable defaults,
 * and the data a template reads (`{{.ID}}`) depends on the section.
 */
export type LegacySection = 'variables' | 'builder' | 'provisioner' | 'post-processor';

export interface TranslateOptions {
  section: LegacySection;
  /** Declared user variables, to report `{{user `x`}}` for undeclared ones. */
  variables: ReadonlySet<string>;
}

/** Functions that read secret stores: like `env`, Packer allows them only in variable defaults. */
export const SECRET_READERS = new Set([
  'vault',
  'consul_key',
  'aws_secretsmanager',
  'aws_secretsmanager_raw',
]);

/** The functions of legacy templates: Packer's, and `clean_resource_name` of Packer's core. */
export const LEGACY_SIGNATURES: Readonly<Record<string, GoSignature>> = {
  ...PACKER_TEMPLATE_FUNCTIONS,
  clean_resource_name: { params: ['string'] },
};

export const isLegacyFunction = (name: string) => name in LEGACY_SIGNATURES;

/** Builds the HCL expression of each function call of a legacy template. */
export class LegacyCalls implements GoCallHandler<Expression> {
  constructor(
    private readonly range: SourceRange,
    private readonly options: TranslateOptions,
    private readonly diagnostics: Diagnostic[],
  ) {}

  literal(operand: Extract<GoArg, { type: 'string' | 'number' }>): Expression {
    return operand.type === 'string'
      ? { kind: 'literal', value: operand.text, range: this.range }
      : { kind: 'number', text: operand.text, range: this.range };
  }

  /** Actions reading fields stay for the plugin (see keptForPlugin): a field is kept as written. */
  field(operand: Extract<GoArg, { type: 'field' }>): Expression {
    return { kind: 'literal', value: `.${operand.ident.join('.')}`, range: this.range };
  }

  call(name: string, args: Expression[]): Expression {
    const range = this.range;
    const root = (n: string): Expression => ({ kind: 'variable', name: n, range });
    const attr = (object: string, attribute: string): Expression => ({
      kind: 'get-attr',
      object: root(object),
      name: attribute,
      nameRange: range,
      range,
    });
    const fn = (fname: string, fargs: Expression[] = args): Expression => ({
      kind: 'call',
      name: fname,
      nameRange: range,
      args: fargs,
      expandFinal: false,
      range,
    });
    const literalName = (what: string): string => {
      const a = args[0];
      if (a?.kind !== 'literal' || typeof a.value !== 'string')
        throw new GoCallFailure(`${name} takes the ${what} as a literal string, such as ${name} \`name\``);
      return a.value;
    };
    if (name === 'env' || SECRET_READERS.has(name)) {
      if (this.options.section !== 'variables')
        throw new GoCallFailure(`${name} is allowed only in the defaults of "variables"`);
      if (name === 'aws_secretsmanager') {
        if (args.length === 0) throw new GoCallFailure('secret name must be provided');
        if (args.length > 2)
          throw new GoCallFailure('only secret name and optional secret key can be provided.');
        if (args.length === 1) args.push({ kind: 'literal', value: null, range });
      }
      return fn(name);
    }
    switch (name) {
      case 'user': {
        const variable = literalName('variable name');
        if (this.options.variables.has(variable)) return attr('var', variable);
        this.diagnostics.push({
          severity: 'warning',
          summary: 'Undeclared user variable',
          detail: `{{user \`${variable}\`}} refers to a variable that is not declared in "variables"; it is the empty string.`,
          subject: range,
        });
        return { kind: 'literal', value: '', range };
      }
      case 'sed':
        throw new GoCallFailure(
          'template function `sed` is deprecated use `replace` or `replace_all` instead.',
        );
      case 'build':
        return attr('build', literalName('value name'));
      default: {
        const binding = LEGACY_BINDINGS[name];
        if (!binding) throw new GoCallFailure(`${name} is not available in legacy templates`);
        return 'function' in binding ? fn(binding.function) : attr(binding.root, binding.attribute);
      }
    }
  }
}

/** Where each function of a legacy template goes: an engine function or a root variable's attribute. */
const LEGACY_BINDINGS: Record<string, EngineBinding> = {
  ...SHARED_BINDINGS,
  template_dir: { root: 'path', attribute: 'root' },
  clean_resource_name: { function: LEGACY_FUNCTION_NAMES.clean_resource_name },
};
