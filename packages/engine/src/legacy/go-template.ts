import type { Diagnostic, SourceRange } from '../errors/diagnostic.ts';
import type { Expression, TemplatePart } from '../parse/ast.ts';
import { goTemplateCall } from './go-template-bindings.ts';
import {
  LEGACY_SIGNATURES,
  type LegacySection,
  LegacyCalls,
  type TranslateOptions,
  isLegacyFunction,
} from './go-template-calls.ts';
import { type LegacyTemplateData, keepFieldActions } from './go-template-data.ts';
import { GoTemplateExecError } from '../go-template/exec.ts';
import {
  type GoNode,
  type GoTemplate,
  GoTemplateParseError,
  parseErrorText,
  parseGoTemplate,
} from '../go-template/parse.ts';
import { GoPipelineRunner, isPlainPipeline, readsField } from './go-template-translate.ts';

export type { LegacySection, TranslateOptions } from './go-template-calls.ts';

/** The data Packer renders a section's strings with. */
function sectionData(section: LegacySection): LegacyTemplateData {
  switch (section) {
    case 'variables':
      return 'variables';
    case 'builder':
      return 'none';
    default:
      return 'placeholders';
  }
}

/** Rendered strings and what they were before (see legacyAsWritten). */
const asWritten = new WeakMap<Expression, Expression>();

/**
 * Translates a legacy template string (Go text/template) into an HCL expression that gives what
 * Packer renders. A string that only calls Packer's functions on literals (`{{user `x`}}
 * {{timestamp}}`) becomes an HCL template; any other (control structures, `$x`, Go's builtins,
 * the section's data `{{.ID}}`) a call of `legacy::go_template`, which runs Go's text/template
 * when the setting is evaluated. Problems are reported against `range` (the JSON string).
 */
export function translateLegacyString(
  text: string,
  range: SourceRange,
  options: TranslateOptions,
  diagnostics: Diagnostic[],
): Expression {
  const data = sectionData(options.section);
  // Packer keeps a variable default's `{{ .X }}` actions out of the template it renders.
  const kept = data === 'variables' ? keepFieldActions(text) : undefined;
  const source = kept ? kept.text : text;
  let template: GoTemplate;
  try {
    template = parseGoTemplate(source, isLegacyFunction);
  } catch (error) {
    if (!(error instanceof GoTemplateParseError)) throw error;
    diagnostics.push(actionError(text, parseErrorText(error), range));
    return { kind: 'invalid', range };
  }
  const plain = isPlainTemplate(template);
  if (plain && (data === 'variables' || !readsData(template))) {
    if (!plain) return { kind: 'literal', value: text, range };
    return plainTranslation(template, text, range, options, diagnostics, kept?.restore);
  }
  // Go's errors in such a string are reported when it is rendered, as Packer reports them.
  const written = plain ? plainTranslation(template, text, range, options, []) : undefined;
  const call = goTemplateCall(template, text, data, range, options, diagnostics);
  asWritten.set(
    call,
    written && written.kind !== 'invalid' ? written : { kind: 'literal', value: text, range },
  );
  return call;
}

/**
 * A setting as its plugin renders it (`renderedBy: 'plugin'`, e.g. shell-local's
 * `execute_command`): each string as written, with only its calls of Packer's functions
 * translated when that is all it holds besides the plugin's data (`{{.Vars}} {{user `x`}}`).
 */
export function legacyAsWritten(expr: Expression): Expression {
  const before = asWritten.get(expr);
  if (before) return before;
  if (expr.kind === 'tuple') return { ...expr, items: expr.items.map(legacyAsWritten) };
  if (expr.kind === 'object')
    return { ...expr, items: expr.items.map((i) => ({ key: i.key, value: legacyAsWritten(i.value) })) };
  return expr;
}

/** Calls of Packer's functions on literals, as an HCL template; actions reading data kept as written. */
function plainTranslation(
  template: GoTemplate,
  text: string,
  range: SourceRange,
  options: TranslateOptions,
  diagnostics: Diagnostic[],
  restore: (text: string) => string = (t) => t,
): Expression {
  const runner = new GoPipelineRunner(new LegacyCalls(range, options, diagnostics), LEGACY_SIGNATURES);
  const parts: TemplatePart[] = [];
  let literal = '';
  const flush = () => {
    if (literal !== '') parts.push({ kind: 'literal', text: literal, range });
    literal = '';
  };
  for (const node of template.root.nodes) {
    if (node.type === 'text') {
      literal += restore(node.text);
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

/** Whether a plain template reads the data (`{{.ID}}`). */
function readsData(template: GoTemplate): boolean {
  return template.root.nodes.some((n: GoNode) => n.type === 'action' && readsField(n.pipe));
}
