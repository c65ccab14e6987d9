import type { Diagnostic } from '../errors/diagnostic.ts';
import type { Attribute, Block, Body } from '../parse/ast.ts';
import { concreteBody } from '../parse/body.ts';

export interface AttributeSchema {
  name: string;
  required?: boolean;
}

export interface BlockSchema {
  type: string;
  /** Names of the labels, e.g. `['type', 'name']` for `source "file" "x"`. */
  labels?: string[];
}

export interface BodySchema {
  attributes?: AttributeSchema[];
  blocks?: BlockSchema[];
}

export interface BodyContent {
  attributes: Map<string, Attribute>;
  blocks: Block[];
}

/**
 * Reads a body against a schema, as hcl.Body.Content: unknown arguments and block types,
 * missing required arguments, duplicate arguments and wrong label counts are all reported.
 */
export function bodyContent(
  input: Body,
  schema: BodySchema,
  where: string,
): { content: BodyContent; diagnostics: Diagnostic[] } {
  const concrete = concreteBody(
    input,
    new Map((schema.blocks ?? []).map((b) => [b.type, b.labels?.length ?? 0])),
  );
  const body = concrete.body;
  const diagnostics: Diagnostic[] = [...concrete.diagnostics];
  const attributeNames = new Set((schema.attributes ?? []).map((a) => a.name));
  const blockSchemas = new Map((schema.blocks ?? []).map((b) => [b.type, b]));
  const attributes = new Map<string, Attribute>();
  for (const attribute of body.attributes) {
    if (!attributeNames.has(attribute.name)) {
      const isBlock = blockSchemas.has(attribute.name);
      diagnostics.push({
        severity: 'error',
        summary: 'Unsupported argument',
        detail: isBlock
          ? `An argument named "${attribute.name}" is not expected here. Did you mean to define a block of type "${attribute.name}"?`
          : `An argument named "${attribute.name}" is not expected in ${where}.`,
        subject: attribute.nameRange,
      });
      continue;
    }
    const previous = attributes.get(attribute.name);
    if (previous) {
      diagnostics.push({
        severity: 'error',
        summary: 'Attribute redefined',
        detail: `The argument "${attribute.name}" was already set at ${previous.nameRange.filename}:${previous.nameRange.start.line},${previous.nameRange.start.column}. Each argument may be set only once.`,
        subject: attribute.nameRange,
      });
      continue;
    }
    attributes.set(attribute.name, attribute);
  }
  for (const required of schema.attributes ?? []) {
    if (required.required && !attributes.has(required.name)) {
      diagnostics.push({
        severity: 'error',
        summary: 'Missing required argument',
        detail: `The argument "${required.name}" is required in ${where}, but no definition was found.`,
        subject: { filename: body.range.filename, start: body.range.end, end: body.range.end },
      });
    }
  }
  const blocks: Block[] = [];
  for (const block of body.blocks) {
    const blockSchema = blockSchemas.get(block.type);
    if (!blockSchema) {
      diagnostics.push({
        severity: 'error',
        summary: 'Unsupported block type',
        detail: attributeNames.has(block.type)
          ? `Blocks of type "${block.type}" are not expected here. Did you mean to define an argument "${block.type}"? If so, use the equals sign to assign it a value.`
          : `Blocks of type "${block.type}" are not expected in ${where}.`,
        subject: block.typeRange,
      });
      continue;
    }
    const labelNames = blockSchema.labels ?? [];
    if (block.labels.length !== labelNames.length) {
      const extra = block.labels[labelNames.length];
      diagnostics.push({
        severity: 'error',
        summary: extra ? 'Extraneous label for block' : 'Missing label for block',
        detail:
          labelNames.length === 0
            ? `A "${block.type}" block takes no labels.`
            : `A "${block.type}" block takes ${labelNames.length} label${labelNames.length === 1 ? '' : 's'}: ${labelNames.map((l) => `"${l}"`).join(', ')}.`,
        subject: extra?.range ?? block.openBraceRange,
      });
      continue;
    }
    blocks.push(block);
  }
  return { content: { attributes, blocks }, diagnostics };
}

/** A body read as attributes only (`locals`, variable files, a build's source overrides). */
export function justAttributes(body: Body, diagnostics: Diagnostic[]): Body {
  const concrete = concreteBody(body);
  diagnostics.push(...concrete.diagnostics);
  return concrete.body;
}
