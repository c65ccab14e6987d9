import {
  type Block,
  type Body,
  type BodySchema,
  type Diagnostic,
  DYNAMIC,
  type EvalContext,
  type Type,
  type Value,
  ValueError,
  bodyContent,
  convert,
  evaluate,
  listVal,
  mapVal,
  nullVal,
  objectVal,
  tupleVal,
  typeConstraint,
} from '@kiln/engine';

/** The subset of hcldec's spec language the HCL spec suite uses. */
export type Spec =
  | { kind: 'literal'; value: Value }
  | { kind: 'object'; children: Map<string, Spec> }
  | { kind: 'attr'; name: string; type: Type; required: boolean }
  | { kind: 'block' | 'block_list' | 'block_set'; blockType: string; nested: Spec; required: boolean }
  | { kind: 'block_map'; blockType: string; labels: string[]; nested: Spec };

function fail(message: string, block: Block): never {
  const at = block.typeRange;
  throw new Error(`${at.filename}:${at.start.line}: ${message}`);
}

function staticValue(block: Block, name: string, ctx: EvalContext): Value | undefined {
  const attribute = block.body.attributes.find((a) => a.name === name);
  if (!attribute) return undefined;
  const { value, diagnostics } = evaluate(attribute.expr, ctx);
  if (diagnostics.length > 0) fail(`${name}: ${diagnostics[0]?.summary}`, block);
  return value;
}

function staticType(block: Block): Type {
  const attribute = block.body.attributes.find((a) => a.name === 'type');
  if (!attribute) return DYNAMIC;
  const problems: Diagnostic[] = [];
  const type = typeConstraint(attribute.expr, problems);
  if (problems.length > 0) fail(`type: ${problems[0]?.detail}`, block);
  return type;
}

/** Reads one spec block (`object { ... }`, `attr "a" { ... }`, ...); `name` is the label that names its result. */
export function readSpec(block: Block, ctx: EvalContext): Spec {
  const label = block.labels[0]?.value;
  switch (block.type) {
    case 'literal': {
      const value = staticValue(block, 'value', ctx);
      if (!value) fail('literal needs a value', block);
      return { kind: 'literal', value };
    }
    case 'object': {
      const children = new Map<string, Spec>();
      for (const child of block.body.blocks) {
        const name = child.labels[0]?.value ?? staticValue(child, 'name', ctx)?.asString();
        if (!name) fail(`${child.type} inside object needs a name label`, child);
        children.set(name, readSpec(child, ctx));
      }
      return { kind: 'object', children };
    }
    case 'attr': {
      const name = staticValue(block, 'name', ctx)?.asString() ?? label;
      if (!name) fail('attr needs a name', block);
      return {
        kind: 'attr',
        name,
        type: staticType(block),
        required: staticValue(block, 'required', ctx)?.asBool() ?? false,
      };
    }
    case 'block':
    case 'block_list':
    case 'block_set':
    case 'block_map': {
      const blockType = staticValue(block, 'block_type', ctx)?.asString() ?? label;
      if (!blockType) fail(`${block.type} needs a block_type`, block);
      const inner = block.body.blocks[0];
      const nested: Spec = inner ? readSpec(inner, ctx) : { kind: 'object', children: new Map() };
      if (block.type === 'block_map') {
        const labels =
          staticValue(block, 'labels', ctx)
            ?.asArray()
            .map((v) => v.asString()) ?? [];
        return { kind: 'block_map', blockType, labels, nested };
      }
      return {
        kind: block.type,
        blockType,
        nested,
        required: staticValue(block, 'required', ctx)?.asBool() ?? false,
      };
    }
    default:
      return fail(`unsupported spec block type "${block.type}"`, block);
  }
}

function schemaOf(spec: Spec, schema: BodySchema = { attributes: [], blocks: [] }): BodySchema {
  switch (spec.kind) {
    case 'object':
      for (const child of spec.children.values()) schemaOf(child, schema);
      break;
    case 'attr':
      schema.attributes?.push({ name: spec.name, required: spec.required });
      break;
    case 'block':
    case 'block_list':
    case 'block_set':
      schema.blocks?.push({ type: spec.blockType });
      break;
    case 'block_map':
      schema.blocks?.push({ type: spec.blockType, labels: spec.labels });
      break;
    default:
      break;
  }
  return schema;
}

/** Decodes a body with a spec, as `hcldec.Decode`. */
export function decode(spec: Spec, body: Body, ctx: EvalContext, diagnostics: Diagnostic[]): Value {
  if (spec.kind === 'literal') return spec.value;
  const { content, diagnostics: found } = bodyContent(body, schemaOf(spec), 'this body');
  diagnostics.push(...found);
  const visit = (s: Spec): Value => {
    switch (s.kind) {
      case 'literal':
        return s.value;
      case 'object':
        return objectVal(new Map([...s.children].map(([name, child]) => [name, visit(child)])));
      case 'attr': {
        const attribute = content.attributes.get(s.name);
        if (!attribute) return nullVal(s.type);
        const result = evaluate(attribute.expr, ctx);
        diagnostics.push(...result.diagnostics);
        try {
          return convert(result.value, s.type);
        } catch (error) {
          if (!(error instanceof ValueError)) throw error;
          diagnostics.push({
            severity: 'error',
            summary: 'Incorrect attribute value type',
            detail: error.message,
            subject: attribute.expr.range,
          });
          return nullVal(s.type);
        }
      }
      case 'block': {
        const blocks = content.blocks.filter((b) => b.type === s.blockType);
        const [first, second] = blocks;
        if (second)
          diagnostics.push({
            severity: 'error',
            summary: 'Duplicate block',
            detail: `Only one "${s.blockType}" block is allowed.`,
            subject: second.typeRange,
          });
        return first ? decode(s.nested, first.body, ctx, diagnostics) : nullVal(DYNAMIC);
      }
      case 'block_list':
      case 'block_set': {
        const values = content.blocks
          .filter((b) => b.type === s.blockType)
          .map((b) => decode(s.nested, b.body, ctx, diagnostics));
        try {
          return listVal(values);
        } catch {
          return tupleVal(values);
        }
      }
      case 'block_map': {
        const entries = new Map<string, Value>();
        for (const b of content.blocks.filter((x) => x.type === s.blockType)) {
          entries.set(b.labels.map((l) => l.value).join('.'), decode(s.nested, b.body, ctx, diagnostics));
        }
        return mapVal(entries);
      }
    }
  };
  return visit(spec);
}
