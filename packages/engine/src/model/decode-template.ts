import type { Diagnostic } from '../errors/diagnostic.ts';
import { type EvalContext, evalContext, withVariables } from '../evaluate/context.ts';
import { staticBool, staticString } from '../evaluate/static.ts';
import { typeConstraint } from '../evaluate/type-constraint.ts';
import {
  type VariableInput,
  evaluateLocals,
  evaluateVariables,
  uniqueLocals,
} from '../evaluate/variables.ts';
import type { Block, Expression, ParsedFile } from '../parse/ast.ts';
import { DYNAMIC } from '../values/types.ts';
import { DYNAMIC_VAL, type Value, objectVal } from '../values/value.ts';
import { decodeBuild } from './decode-build.ts';
import { bodyContent, justAttributes } from './schema.ts';
import { evaluate } from '../evaluate/expression.ts';
import { decodeRegistry, isFirstBlock } from './decode-build.ts';
import type { SourceRange } from '../errors/diagnostic.ts';
import type { LocalDecl, PackerSettings, RequiredPlugin, Template, VariableDecl } from './template.ts';
import { PACKER_COMPATIBLE_VERSION, satisfiesVersion } from './version.ts';

const TOP_LEVEL = {
  blocks: [
    { type: 'packer' },
    { type: 'variable', labels: ['name'] },
    { type: 'variables' },
    { type: 'locals' },
    { type: 'local', labels: ['name'] },
    { type: 'data', labels: ['type', 'name'] },
    { type: 'source', labels: ['type', 'name'] },
    { type: 'build' },
    { type: 'hcp_packer_registry' },
  ],
};

/** What `packer validate -syntax-only` accepts at the top level: also `communicator` blocks, decoded only later. */
const TOP_LEVEL_SYNTAX = {
  blocks: [...TOP_LEVEL.blocks, { type: 'communicator', labels: ['type', 'name'] }],
};

/**
 * How far decoding goes. `'syntax'` is Packer's parse phase (`validate -syntax-only`): the files'
 * structure, the packer block, variable and data declarations, locals' structure and the given
 * variable values. `'full'` also requires variables to be set, runs their validations, evaluates
 * locals and decodes sources, builds and the registry.
 */
export type DecodePhase = 'syntax' | 'full';

function decodeRequiredPlugins(block: Block, ctx: EvalContext, diagnostics: Diagnostic[]): RequiredPlugin[] {
  const out: RequiredPlugin[] = [];
  const seen = new Map<string, SourceRange>();
  for (const attribute of justAttributes(block.body, diagnostics).attributes) {
    const previous = seen.get(attribute.name);
    if (previous) {
      diagnostics.push({
        severity: 'error',
        summary: 'Attribute redefined',
        detail: `The plugin "${attribute.name}" was already required at ${previous.filename}:${previous.start.line},${previous.start.column}.`,
        subject: attribute.nameRange,
      });
      continue;
    }
    seen.set(attribute.name, attribute.nameRange);
    const { value, diagnostics: found } = evaluate(attribute.expr, ctx);
    diagnostics.push(...found);
    if (found.length > 0) continue;
    const kind = value.type.kind;
    if (kind !== 'object' && kind !== 'map') {
      diagnostics.push({
        severity: 'error',
        summary: 'Invalid plugin requirement',
        detail: `A plugin requirement is an object, for example: ${attribute.name} = { source = "github.com/hashicorp/${attribute.name}", version = ">= 1.0.0" }.`,
        subject: attribute.expr.range,
      });
      continue;
    }
    const fields: ReadonlyMap<string, Value> =
      value.isKnown && !value.isNull ? value.unmark().asMap() : new Map();
    const text = (name: string) => {
      const v = fields.get(name);
      return v?.isKnown && !v.isNull && v.type.kind === 'string' ? v.unmark().asString() : undefined;
    };
    const source = text('source');
    if (!source || source.split('/').filter((p) => p !== '').length < 3) {
      diagnostics.push({
        severity: 'error',
        summary: 'Failed to parse source',
        detail: `The plugin source ${source === undefined ? 'is missing' : `"${source}" is invalid`}: a source has a host and a path of two parts, such as "github.com/hashicorp/happycloud".`,
        subject: attribute.expr.range,
      });
      continue;
    }
    const version = text('version');
    out.push({
      name: attribute.name,
      source,
      ...(version === undefined ? {} : { version }),
      range: attribute.range,
    });
  }
  return out;
}

function decodePacker(block: Block, ctx: EvalContext, diagnostics: Diagnostic[]): PackerSettings {
  const { content, diagnostics: found } = bodyContent(
    block.body,
    { attributes: [{ name: 'required_version' }], blocks: [{ type: 'required_plugins' }] },
    'the packer block',
  );
  diagnostics.push(...found);
  const settings: PackerSettings = { range: block.range, requiredPlugins: [] };
  for (const plugins of content.blocks) {
    settings.requiredPlugins.push(...decodeRequiredPlugins(plugins, ctx, diagnostics));
  }
  const required = content.attributes.get('required_version');
  if (required) {
    const constraint = staticString(required.expr, ctx, diagnostics, 'required_version');
    if (constraint !== undefined) {
      settings.requiredVersion = constraint;
      const ok = satisfiesVersion(PACKER_COMPATIBLE_VERSION, constraint);
      if (typeof ok === 'object') {
        diagnostics.push({
          severity: 'error',
          summary: 'Invalid required_version',
          detail: `${ok.error}.`,
          subject: required.expr.range,
        });
      } else if (!ok) {
        diagnostics.push({
          severity: 'error',
          summary: 'Unsupported Packer version',
          detail: `This template requires Packer version ${constraint}; Kiln behaves as Packer ${PACKER_COMPATIBLE_VERSION}.`,
          subject: required.expr.range,
        });
      }
    }
  }
  return settings;
}

function decodeVariable(block: Block, ctx: EvalContext, diagnostics: Diagnostic[]): VariableDecl {
  const name = block.labels[0]?.value ?? '';
  const { content, diagnostics: found } = bodyContent(
    block.body,
    {
      attributes: [
        { name: 'type' },
        { name: 'default' },
        { name: 'description' },
        { name: 'sensitive' },
        { name: 'nullable' },
      ],
      blocks: [{ type: 'validation' }],
    },
    `variable "${name}"`,
  );
  diagnostics.push(...found);
  const type = content.attributes.get('type');
  const decl: VariableDecl = {
    name,
    type: type ? typeConstraint(type.expr, diagnostics) : DYNAMIC,
    sensitive: false,
    validations: [],
    range: block.labels[0]?.range ?? block.typeRange,
  };
  const defaultValue = content.attributes.get('default');
  if (defaultValue) decl.default = defaultValue.expr;
  const description = content.attributes.get('description');
  if (description) decl.description = staticString(description.expr, ctx, diagnostics, 'description');
  const sensitive = content.attributes.get('sensitive');
  if (sensitive) decl.sensitive = staticBool(sensitive.expr, ctx, diagnostics, 'sensitive') ?? false;
  for (const validation of content.blocks) {
    const v = bodyContent(
      validation.body,
      {
        attributes: [
          { name: 'condition', required: true },
          { name: 'error_message', required: true },
        ],
      },
      'a validation block',
    );
    diagnostics.push(...v.diagnostics);
    const condition = v.content.attributes.get('condition');
    const message = v.content.attributes.get('error_message');
    if (message) checkErrorMessage(message.expr, diagnostics);
    if (condition && message)
      decl.validations.push({
        condition: condition.expr,
        errorMessage: message.expr,
        range: validation.range,
      });
  }
  return decl;
}

/**
 * Packer's rule for a validation's literal error_message: not empty, and at least one sentence,
 * starting with an uppercase letter (where the alphabet has case) and ending with ".", "?" or "!".
 */
function checkErrorMessage(expr: Expression, diagnostics: Diagnostic[]): void {
  const { value, diagnostics: found } = evaluate(expr, evalContext({}));
  if (found.length > 0 || !value.isWhollyKnown || value.type.kind !== 'string' || value.isNull) return;
  const text = value.asString();
  const trimmed = text.trim();
  const first = [...trimmed][0] ?? '';
  const sentence =
    trimmed !== '' && !(/\p{L}/u.test(first) && first !== first.toUpperCase()) && /[.?!]$/.test(trimmed);
  if (sentence) return;
  diagnostics.push({
    severity: 'error',
    summary: 'Invalid validation error message',
    detail:
      text === ''
        ? 'An empty string is not a valid nor useful error message.'
        : 'Validation error message must be at least one full sentence starting with an uppercase letter ( if the alphabet permits it ) and ending with a period or question mark.',
    subject: expr.range,
  });
}

function decodeLocal(block: Block, ctx: EvalContext, diagnostics: Diagnostic[]): LocalDecl | undefined {
  const name = block.labels[0]?.value ?? '';
  const { content, diagnostics: found } = bodyContent(
    block.body,
    { attributes: [{ name: 'expression', required: true }, { name: 'sensitive' }] },
    `local "${name}"`,
  );
  diagnostics.push(...found);
  const expr = content.attributes.get('expression');
  if (!expr) return undefined;
  const sensitive = content.attributes.get('sensitive');
  return {
    name,
    expr: expr.expr,
    sensitive: sensitive ? (staticBool(sensitive.expr, ctx, diagnostics, 'sensitive') ?? false) : false,
    range: block.labels[0]?.range ?? block.typeRange,
  };
}

function duplicateCheck(
  kind: string,
  key: string,
  range: Block['range'],
  seen: Map<string, Block['range']>,
  diagnostics: Diagnostic[],
): boolean {
  const previous = seen.get(key);
  if (previous) {
    diagnostics.push({
      severity: 'error',
      summary: `Duplicate ${kind}`,
      detail: `${kind} ${key} was already declared at ${previous.filename}:${previous.start.line},${previous.start.column}.`,
      subject: range,
    });
    return true;
  }
  seen.set(key, range);
  return false;
}

/** Decodes parsed files into a Template, evaluating variables and locals; every problem is reported. */
export function decodeTemplate(
  files: ParsedFile[],
  base: EvalContext,
  inputs: VariableInput[],
  diagnostics: Diagnostic[],
  /** For variable defaults: like `base`, plus `env()`, which Packer allows only there. */
  defaults: EvalContext = base,
  phase: DecodePhase = 'full',
): Template {
  const full = phase === 'full';
  const blocks: Block[] = [];
  for (const file of files) {
    const schema = full ? TOP_LEVEL : TOP_LEVEL_SYNTAX;
    const { content, diagnostics: found } = bodyContent(file.body, schema, 'a template file');
    diagnostics.push(...found);
    blocks.push(...content.blocks);
  }
  const template: Template = {
    files,
    packer: [],
    variables: [],
    locals: [],
    datasources: [],
    sources: [],
    builds: [],
    context: base,
    variableValues: new Map(),
    localValues: new Map(),
  };
  const seenVariables = new Map<string, Block['range']>();
  const seenSources = new Map<string, Block['range']>();
  const seenData = new Map<string, Block['range']>();
  for (const block of blocks) {
    switch (block.type) {
      case 'packer':
        template.packer.push(decodePacker(block, base, diagnostics));
        break;
      case 'variable': {
        const decl = decodeVariable(block, base, diagnostics);
        if (!duplicateCheck('variable', decl.name, decl.range, seenVariables, diagnostics))
          template.variables.push(decl);
        break;
      }
      case 'variables':
        for (const attribute of justAttributes(block.body, diagnostics).attributes) {
          const decl: VariableDecl = {
            name: attribute.name,
            type: DYNAMIC,
            default: attribute.expr,
            sensitive: false,
            validations: [],
            range: attribute.nameRange,
          };
          if (!duplicateCheck('variable', decl.name, decl.range, seenVariables, diagnostics))
            template.variables.push(decl);
        }
        for (const nested of block.body.blocks) {
          diagnostics.push({
            severity: 'error',
            summary: 'Unsupported block type',
            detail: `Blocks of type "${nested.type}" are not expected in a variables block.`,
            subject: nested.typeRange,
          });
        }
        break;
      case 'locals':
        for (const attribute of justAttributes(block.body, diagnostics).attributes) {
          template.locals.push({
            name: attribute.name,
            expr: attribute.expr,
            sensitive: false,
            range: attribute.nameRange,
          });
        }
        for (const nested of block.body.blocks) {
          diagnostics.push({
            severity: 'error',
            summary: 'Unsupported block type',
            detail: `Blocks of type "${nested.type}" are not expected in a locals block.`,
            subject: nested.typeRange,
          });
        }
        break;
      case 'local': {
        const decl = decodeLocal(block, base, diagnostics);
        if (decl) template.locals.push(decl);
        break;
      }
      case 'data':
      case 'source': {
        const [type, name] = block.labels;
        if (!type || !name) break;
        const decl = {
          type: type.value,
          name: name.value,
          body: block.body,
          range: block.range,
          typeRange: type.range,
        };
        const key = `${type.value}.${name.value}`;
        if (block.type === 'source') {
          // Packer finds duplicate sources only when it decodes them, after the parse phase.
          if (!full || !duplicateCheck('source', `source.${key}`, block.range, seenSources, diagnostics))
            template.sources.push(decl);
        } else if (!duplicateCheck('data source', `data.${key}`, block.range, seenData, diagnostics)) {
          template.datasources.push(decl);
        }
        break;
      }
      default:
        break;
    }
  }
  const variableValues = evaluateVariables(template.variables, inputs, defaults, diagnostics, { phase });
  template.variableValues = variableValues;
  if (!full) {
    uniqueLocals(template.locals, diagnostics);
    return template;
  }
  const data: Record<string, ReturnType<typeof objectVal>> = {};
  const dataByType = new Map<string, Record<string, typeof DYNAMIC_VAL>>();
  for (const d of template.datasources)
    dataByType.set(d.type, { ...(dataByType.get(d.type) ?? {}), [d.name]: DYNAMIC_VAL });
  for (const [type, names] of dataByType) data[type] = objectVal(names);
  const withVars = withVariables(base, { var: objectVal(variableValues), data: objectVal(data) });
  const localValues = evaluateLocals(template.locals, withVars, diagnostics);
  template.localValues = localValues;
  template.context = withVariables(withVars, { local: objectVal(localValues) });
  for (const block of blocks) {
    if (block.type === 'build') template.builds.push(decodeBuild(block, template.context, diagnostics));
    if (block.type === 'hcp_packer_registry') {
      const detail = 'A template may have only one top-level hcp_packer_registry block.';
      if (isFirstBlock(template.registry, block, detail, diagnostics)) {
        template.registry = decodeRegistry(block, template.context, diagnostics);
      }
    }
  }
  return template;
}
