import type { Diagnostic } from '../errors/diagnostic.ts';
import type { Block, Body, Expression } from '../parse/ast.ts';
import { STRING } from '../values/types.ts';
import { convert } from '../values/convert.ts';
import { ValueError } from '../values/errors.ts';
import { type Value, numberVal, objectVal, stringVal } from '../values/value.ts';
import { type EvalContext, withVariables } from './context.ts';
import { evaluate } from './expression.ts';

function bind(expr: Expression, bindings: ReadonlyMap<string, Value>): Expression {
  return { kind: 'bound', expr, bindings, range: expr.range };
}

/** The body with every expression (nested blocks included) seeing `bindings`. */
function bindBody(body: Body, bindings: ReadonlyMap<string, Value>): Body {
  return {
    ...body,
    attributes: body.attributes.map((a) => ({ ...a, expr: bind(a.expr, bindings) })),
    blocks: body.blocks.map((b) => ({ ...b, body: bindBody(b.body, bindings) })),
  };
}

function entries(collection: Value): [Value, Value][] {
  const kind = collection.type.kind;
  const plain = collection.unmark();
  if (kind === 'map' || kind === 'object') return [...plain.asMap()].map(([k, v]) => [stringVal(k), v]);
  if (kind === 'set') return plain.asArray().map((v) => [v, v]);
  if (kind === 'list' || kind === 'tuple') return plain.asArray().map((v, i) => [numberVal(i), v]);
  throw new ValueError(`a map, object, list, tuple or set is required, got ${kind}`);
}

function expandOne(block: Block, ctx: EvalContext, diagnostics: Diagnostic[]): Block[] {
  const generated = block.labels[0]?.value;
  const fail = (summary: string, detail: string, subject = block.typeRange): Block[] => {
    diagnostics.push({ severity: 'error', summary, detail, subject });
    return [];
  };
  if (!generated || block.labels.length !== 1) {
    return fail(
      'Invalid dynamic block',
      'A dynamic block takes one label: the type of the blocks it generates.',
    );
  }
  const attr = (name: string) => block.body.attributes.find((a) => a.name === name);
  for (const a of block.body.attributes) {
    if (!['for_each', 'iterator', 'labels'].includes(a.name)) {
      return fail(
        'Unsupported argument',
        `An argument named "${a.name}" is not expected in a dynamic block; use for_each, iterator, labels and a content block.`,
        a.nameRange,
      );
    }
  }
  const contents = block.body.blocks.filter((b) => b.type === 'content');
  const content = contents[0];
  if (!content || contents.length > 1) {
    return fail('Invalid dynamic block', `A dynamic "${generated}" block needs exactly one content block.`);
  }
  const forEach = attr('for_each');
  if (!forEach)
    return fail('Missing required argument', `The dynamic "${generated}" block needs a for_each argument.`);
  const iteratorAttr = attr('iterator');
  const iterator = iteratorAttr
    ? iteratorAttr.expr.kind === 'variable'
      ? iteratorAttr.expr.name
      : undefined
    : generated;
  if (!iterator)
    return fail(
      'Invalid dynamic iterator name',
      'The iterator must be a bare name, such as iterator = item.',
      iteratorAttr?.expr.range,
    );
  const collection = evaluate(forEach.expr, ctx);
  diagnostics.push(...collection.diagnostics);
  if (collection.diagnostics.length > 0) return [];
  if (!collection.value.isWhollyKnown) {
    return fail(
      'Invalid dynamic for_each value',
      'The for_each value must be known when the template is read.',
      forEach.expr.range,
    );
  }
  if (collection.value.isNull)
    return fail('Invalid dynamic for_each value', 'The for_each value must not be null.', forEach.expr.range);
  let items: [Value, Value][];
  try {
    items = entries(collection.value);
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    return fail(
      'Invalid dynamic for_each value',
      `Cannot iterate over the for_each value: ${error.message}.`,
      forEach.expr.range,
    );
  }
  const out: Block[] = [];
  for (const [key, value] of items) {
    const bindings = new Map([[iterator, objectVal({ key, value })]]);
    const inner = withVariables(ctx, Object.fromEntries(bindings));
    const labels = [];
    const labelsAttr = attr('labels');
    if (labelsAttr) {
      const result = evaluate(labelsAttr.expr, inner);
      diagnostics.push(...result.diagnostics);
      if (result.diagnostics.length > 0) return out;
      try {
        for (const label of result.value.unmark().asArray()) {
          labels.push({ value: convert(label, STRING).unmark().asString(), range: labelsAttr.expr.range });
        }
      } catch (error) {
        if (!(error instanceof ValueError)) throw error;
        return fail(
          'Invalid dynamic block labels',
          `The labels must be a list of strings: ${error.message}.`,
          labelsAttr.expr.range,
        );
      }
    }
    out.push({
      ...content,
      type: generated,
      typeRange: block.typeRange,
      labels,
      body: expandDynamicBlocks(bindBody(content.body, bindings), inner, diagnostics),
      range: block.range,
    });
  }
  return out;
}

/**
 * Expands HCL `dynamic "<type>" { for_each, iterator, labels, content {} }` blocks into one
 * block per element, in place. The iterator stays bound in the generated bodies, whose other
 * references are evaluated later in their own context.
 */
export function expandDynamicBlocks(body: Body, ctx: EvalContext, diagnostics: Diagnostic[]): Body {
  if (!body.blocks.some((b) => b.type === 'dynamic')) return body;
  const blocks: Block[] = [];
  for (const block of body.blocks) {
    if (block.type === 'dynamic') blocks.push(...expandOne(block, ctx, diagnostics));
    else blocks.push(block);
  }
  return { ...body, blocks };
}
