import type { Diagnostic, SourceRange } from '../../errors/diagnostic.ts';
import type { Attribute, Block, BlockLabel, Body, Expression } from '../ast.ts';
import { parseNativeTemplate } from '../native/index.ts';
import { rangeBetween } from '../range.ts';
import type { JsonNode, JsonObjectNode } from './json-node.ts';
import { parseJson } from './json-parser.ts';

/** What a body is read as: which property names are blocks, with how many labels. */
export interface BodyShape {
  blocks: ReadonlyMap<string, number>;
}

/** A JSON document as an HCL body: the root must be an object. */
export function parseJsonFile(content: string, filename: string): { body: Body; diagnostics: Diagnostic[] } {
  const { node, diagnostics } = parseJson(content, filename);
  const start = { line: 1, column: 1, byte: 0 };
  const emptyBody = (range: SourceRange): Body => ({ attributes: [], blocks: [], range, json: [] });
  if (!node) return { body: emptyBody({ filename, start, end: start }), diagnostics };
  if (node.kind !== 'object') {
    diagnostics.push({
      severity: 'error',
      summary: 'Root value must be object',
      detail: 'The root value of an HCL JSON file must be an object.',
      subject: node.range,
    });
    return { body: emptyBody(node.range), diagnostics };
  }
  return { body: { attributes: [], blocks: [], range: node.range, json: [node] }, diagnostics };
}

/** A JSON value as an expression: strings are templates, arrays tuples, objects objects. */
export function jsonExpression(node: JsonNode, diagnostics: Diagnostic[]): Expression {
  switch (node.kind) {
    case 'string': {
      const start = {
        ...node.range.start,
        column: node.range.start.column + 1,
        byte: node.range.start.byte + 1,
      };
      const parsed = parseNativeTemplate(node.value, node.range.filename, start);
      diagnostics.push(...parsed.diagnostics);
      return { ...parsed.expr, range: node.range };
    }
    case 'number':
      return { kind: 'number', text: node.text, range: node.range };
    case 'bool':
      return { kind: 'literal', value: node.value, range: node.range };
    case 'null':
      return { kind: 'literal', value: null, range: node.range };
    case 'array':
      return {
        kind: 'tuple',
        items: node.items.map((i) => jsonExpression(i, diagnostics)),
        range: node.range,
      };
    case 'object':
      return {
        kind: 'object',
        items: node.properties.map((p) => ({
          key: jsonExpression({ kind: 'string', value: p.name, range: p.nameRange }, diagnostics),
          value: jsonExpression(p.value, diagnostics),
        })),
        range: node.range,
      };
  }
}

function jsonBody(node: JsonObjectNode): Body {
  return { attributes: [], blocks: [], range: node.range, json: [node] };
}

function readBlocks(
  type: string,
  typeRange: SourceRange,
  node: JsonNode,
  labelsLeft: number,
  labels: BlockLabel[],
  out: Block[],
  diagnostics: Diagnostic[],
): void {
  if (node.kind === 'array') {
    for (const item of node.items) readBlocks(type, typeRange, item, labelsLeft, labels, out, diagnostics);
    return;
  }
  if (node.kind !== 'object') {
    diagnostics.push({
      severity: 'error',
      summary: 'Incorrect JSON value type',
      detail:
        labelsLeft > 0
          ? `A JSON object is required here, with a property for each "${type}" block label.`
          : `A JSON object is required here, with the contents of a "${type}" block.`,
      subject: node.range,
    });
    return;
  }
  if (labelsLeft > 0) {
    for (const p of node.properties) {
      readBlocks(
        type,
        typeRange,
        p.value,
        labelsLeft - 1,
        [...labels, { value: p.name, range: p.nameRange }],
        out,
        diagnostics,
      );
    }
    return;
  }
  out.push({
    type,
    typeRange,
    labels,
    body: jsonBody(node),
    openBraceRange: { filename: node.range.filename, start: node.range.start, end: node.range.start },
    closeBraceRange: { filename: node.range.filename, start: node.range.end, end: node.range.end },
    range: rangeBetween(typeRange, node.range),
  });
}

/**
 * Reads a JSON body with a shape: properties named as block types become blocks (labels from
 * nested object keys), every other property an attribute; `"//"` properties are comments.
 */
export function readJsonBody(body: Body, shape: BodyShape): { body: Body; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const attributes: Attribute[] = [];
  const blocks: Block[] = [];
  for (const object of body.json ?? []) {
    for (const p of object.properties) {
      if (p.name === '//') continue;
      const labels = shape.blocks.get(p.name);
      if (labels !== undefined) {
        readBlocks(p.name, p.nameRange, p.value, labels, [], blocks, diagnostics);
      } else {
        attributes.push({
          name: p.name,
          nameRange: p.nameRange,
          expr: jsonExpression(p.value, diagnostics),
          range: rangeBetween(p.nameRange, p.value.range),
        });
      }
    }
  }
  return { body: { attributes, blocks, range: body.range }, diagnostics };
}

/** Splits the named properties off a JSON body: they are read as attributes, the rest stays JSON. */
export function splitJsonAttributes(
  body: Body,
  names: readonly string[],
): { picked: Attribute[]; rest: Body; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const picked: Attribute[] = [];
  const rest: JsonObjectNode[] = [];
  for (const object of body.json ?? []) {
    const keep = object.properties.filter((p) => !names.includes(p.name));
    for (const p of object.properties) {
      if (names.includes(p.name)) {
        picked.push({
          name: p.name,
          nameRange: p.nameRange,
          expr: jsonExpression(p.value, diagnostics),
          range: rangeBetween(p.nameRange, p.value.range),
        });
      }
    }
    rest.push({ ...object, properties: keep });
  }
  return { picked, rest: { ...body, json: rest }, diagnostics };
}
