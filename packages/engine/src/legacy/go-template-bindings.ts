/**
 * The call `legacy::go_template(text, data, bindings)` that renders a legacy template string at
 * evaluation time (go-template-render.ts), and the bindings it needs: the value of every call of a
 * Packer function that reads the engine (`{{user `x`}}`, `{{build_name}}`, `{{env `HOME`}}`) with
 * literal arguments, as the HCL expression the plain translation gives it; a call Kiln refuses
 * there (`env` outside variables) as its reason, raised only if the template makes the call; and
 * the whole of `var` or `build` when `user` or `build` is called with a computed name.
 */
import type { Diagnostic, SourceRange } from '../errors/diagnostic.ts';
import type { Expression, ObjectItem } from '../parse/ast.ts';
import { LegacyCalls, type TranslateOptions } from './go-template-calls.ts';
import type { LegacyTemplateData } from './go-template-data.ts';
import { GoCallFailure } from '../go-template/exec.ts';
import type { GoArg, GoCommandNode, GoNode, GoPipeNode, GoTemplate } from '../go-template/parse.ts';
import { GO_TEMPLATE_FUNCTION, callKey } from './go-template-render.ts';

/** Packer's functions whose values come from the engine rather than from their arguments. */
const CONTEXT_FUNCTIONS = new Set([
  'user',
  'build',
  'env',
  'vault',
  'consul_key',
  'aws_secretsmanager',
  'aws_secretsmanager_raw',
  'build_name',
  'build_type',
  'pwd',
  'template_dir',
  'packer_version',
]);

/** The calls of context functions a template makes, and the fields of the data it reads. */
interface TemplateUse {
  /** Key → literal arguments, for calls whose arguments are all literal strings. */
  literal: Map<string, { name: string; args: string[] }>;
  /** Functions also called with computed arguments. */
  computed: Set<string>;
  /** The first name of every field read (`.ID` and `.A.B` read `ID` and `A`). */
  fields: Set<string>;
}

export function templateUse(template: GoTemplate): TemplateUse {
  const calls: TemplateUse = { literal: new Map(), computed: new Set(), fields: new Set() };
  const record = (name: string, args: readonly GoArg[], piped: boolean) => {
    if (!CONTEXT_FUNCTIONS.has(name)) return;
    const literal = args.every((a) => a.type === 'string');
    if (piped || !literal) {
      calls.computed.add(name);
      return;
    }
    const texts = args.map((a) => (a.type === 'string' ? a.text : ''));
    calls.literal.set(callKey(name, texts), { name, args: texts });
  };
  const arg = (a: GoArg): void => {
    if (a.type === 'identifier') record(a.name, [], false);
    else if (a.type === 'pipe') pipe(a);
    else if (a.type === 'field' && a.ident[0] !== undefined) calls.fields.add(a.ident[0]);
    else if (a.type === 'chain') arg(a.node);
  };
  const command = (cmd: GoCommandNode, piped: boolean) => {
    const [first, ...rest] = cmd.args;
    if (first?.type === 'identifier') record(first.name, rest, piped);
    else if (first) arg(first);
    for (const a of rest) arg(a);
  };
  const pipe = (p: GoPipeNode) => {
    for (const [i, cmd] of p.cmds.entries()) command(cmd, i > 0);
  };
  const node = (n: GoNode): void => {
    switch (n.type) {
      case 'list':
        n.nodes.forEach(node);
        return;
      case 'action':
        pipe(n.pipe);
        return;
      case 'if':
      case 'range':
      case 'with':
        pipe(n.pipe);
        node(n.list);
        if (n.elseList) node(n.elseList);
        return;
      case 'template':
        if (n.pipe) pipe(n.pipe);
        return;
      default:
        return;
    }
  };
  for (const list of template.defined.values()) node(list);
  node(template.root);
  return calls;
}

/** The expression rendering `template` (parsed from `text`) with Go's text/template when evaluated. */
export function goTemplateCall(
  template: GoTemplate,
  text: string,
  data: LegacyTemplateData,
  range: SourceRange,
  options: TranslateOptions,
  diagnostics: Diagnostic[],
): Expression {
  const literal = (value: string): Expression => ({ kind: 'literal', value, range });
  const root = (name: string): Expression => ({ kind: 'variable', name, range });
  const handler = new LegacyCalls(range, options, diagnostics);
  const { literal: made, computed } = templateUse(template);
  const bound: ObjectItem[] = [];
  const refused: ObjectItem[] = [];
  for (const [key, call] of made) {
    try {
      bound.push({ key: literal(key), value: handler.call(call.name, call.args.map(literal)) });
    } catch (error) {
      if (!(error instanceof GoCallFailure)) throw error;
      refused.push({ key: literal(key), value: literal(error.message) });
    }
  }
  const bindings: ObjectItem[] = [
    { key: literal('calls'), value: { kind: 'object', items: bound, range } },
    { key: literal('refused'), value: { kind: 'object', items: refused, range } },
  ];
  if (computed.has('user')) bindings.push({ key: literal('var'), value: root('var') });
  if (computed.has('build')) bindings.push({ key: literal('build'), value: root('build') });
  return {
    kind: 'call',
    name: GO_TEMPLATE_FUNCTION,
    nameRange: range,
    args: [literal(text), literal(data), { kind: 'object', items: bindings, range }],
    expandFinal: false,
    range,
  };
}
