import type { Diagnostic, SourceRange } from '../errors/diagnostic.ts';
import type { Expression, TemplatePart } from '../parse/ast.ts';
import { GoCallFailure, GoTemplateExecError } from './go-template-exec.ts';
import {
  type EngineBinding,
  type GoSignature,
  PACKER_TEMPLATE_FUNCTIONS,
  SHARED_BINDINGS,
} from './go-template-packer.ts';
import {
  type GoArg,
  type GoTemplate,
  GoTemplateParseError,
  parseErrorText,
  parseGoTemplate,
} from './go-template-parse.ts';
import {
  type GoCallHandler,
  GoPipelineRunner,
  isPlainPipeline,
  readsField,
} from './go-template-translate.ts';
import { LEGACY_FUNCTION_NAMES } from './legacy-functions.ts';

/** Where a string appears: `env` (and the secret readers) are allowed only in variable defaults. */
export type LegacySection = 'variables' | 'template';

export interface TranslateOptions {
  section: LegacySection;
  /** Declared user variables, to report `{{user `x`}}` for undeclared ones. */
  variables: ReadonlySet<string>;
}

/** Functions that read secret stores: like `env`, Packer allows them only in variable defaults. */
const SECRET_READERS = new Set(['vault', 'consul_key', 'aws_secretsmanager', 'aws_secretsmanager_raw']);

/** The functions of legacy templates: Packer's, and `clean_resource_name` of Packer's core. */
const LEGACY_SIGNATURES: Readonly<Record<string, GoSignature>> = {
  ...PACKER_TEMPLATE_FUNCTIONS,
  clean_resource_name: { params: ['string'] },
};

const isLegacyFunction = (name: string) => name in LEGACY_SIGNATURES;

/** Builds the HCL expression of each function call of a legacy template. */
class LegacyCalls implements GoCallHandler<Expression> {
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

/**
 * Translates a legacy template string (Go text/template: `{{user `x`}} {{timestamp}}`) into an
 * HCL expression. Actions that use the data of a plugin (`{{.Path}}`), control structures or
 * Go's own functions are kept as written for the plugin. Problems are reported against `range`
 * (the JSON string).
 */
export function translateLegacyString(
  text: string,
  range: SourceRange,
  options: TranslateOptions,
  diagnostics: Diagnostic[],
): Expression {
  let template: GoTemplate;
  try {
    template = parseGoTemplate(text, isLegacyFunction);
  } catch (error) {
    if (!(error instanceof GoTemplateParseError)) throw error;
    diagnostics.push(actionError(text, parseErrorText(error), range));
    return { kind: 'invalid', range };
  }
  if (!isPlainTemplate(template)) return { kind: 'literal', value: text, range };
  const runner = new GoPipelineRunner(new LegacyCalls(range, options, diagnostics), LEGACY_SIGNATURES);
  const parts: TemplatePart[] = [];
  let literal = '';
  const flush = () => {
    if (literal !== '') parts.push({ kind: 'literal', text: literal, range });
    literal = '';
  };
  for (const node of template.root.nodes) {
    if (node.type === 'text') {
      literal += node.text;
      continue;
    }
    if (node.type !== 'action') continue;
    if (readsField(node.pipe)) {
      // The plugin's data (`{{.Path}}`): the plugin runs this action.
      literal += node.source;
      continue;
    }
    try {
      const expr = runner.run(node.pipe);
      flush();
      parts.push({ kind: 'interpolation', expr, range });
    } catch (error) {
      if (!(error instanceof GoTemplateExecError)) throw error;
      diagnostics.push(actionError(text, error.text(text), range));
      return { kind: 'invalid', range };
    }
  }
  flush();
  if (parts.length === 0) return { kind: 'literal', value: '', range };
  if (parts.length === 1 && parts[0]?.kind === 'literal')
    return { kind: 'literal', value: parts[0].text, range };
  return { kind: 'template', parts, heredoc: false, range };
}

/**
 * Whether every action calls Packer's functions on literals only. Templates reading the data of
 * a plugin (`{{.Path}}`), using control structures, variables or Go's own functions are kept as
 * written: Packer's plugins run them with their own data.
 */
function isPlainTemplate(template: GoTemplate): boolean {
  if (template.defined.size > 1) return false;
  const isPacker = (name: string) => name in LEGACY_SIGNATURES;
  return template.root.nodes.every(
    (n) => n.type === 'text' || (n.type === 'action' && isPlainPipeline(n.pipe, isPacker)),
  );
}

function actionError(text: string, message: string, range: SourceRange): Diagnostic {
  return {
    severity: 'error',
    summary: 'Invalid template action',
    detail: `In ${JSON.stringify(text)}: ${message}.`,
    subject: range,
  };
}
