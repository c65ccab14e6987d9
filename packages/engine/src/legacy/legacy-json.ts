import type { Diagnostic, SourceRange } from '../errors/diagnostic.ts';
import type { Attribute, Body, Expression } from '../parse/ast.ts';
import type { JsonNode, JsonObjectNode, JsonProperty } from '../parse/json/json-node.ts';
import { formatFloat } from '../go-template/value.ts';
import { rangeBetween } from '../parse/range.ts';
import { type TranslateOptions, translateLegacyString } from './go-template.ts';

/** Reports a JSON value of the wrong kind, naming where it is and what was expected. */
export function wrongType(node: JsonNode, where: string, expected: string, diagnostics: Diagnostic[]): void {
  diagnostics.push({
    severity: 'error',
    summary: 'Incorrect JSON value type',
    detail: `${where} must be ${expected}, not ${describe(node)}.`,
    subject: node.range,
  });
}

function describe(node: JsonNode): string {
  switch (node.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'null':
      return 'null';
    case 'bool':
      return 'a boolean';
    default:
      return `a ${node.kind}`;
  }
}

/** A JSON value of a legacy template as an expression: strings are Go templates, the rest literal. */
export function legacyExpression(
  node: JsonNode,
  options: TranslateOptions,
  diagnostics: Diagnostic[],
): Expression {
  switch (node.kind) {
    case 'string':
      return translateLegacyString(node.value, node.range, options, diagnostics);
    case 'number':
      return { kind: 'number', text: node.text, range: node.range };
    case 'bool':
      return { kind: 'literal', value: node.value, range: node.range };
    case 'null':
      return { kind: 'literal', value: null, range: node.range };
    case 'array':
      return {
        kind: 'tuple',
        items: node.items.map((i) => legacyExpression(i, options, diagnostics)),
        range: node.range,
      };
    case 'object':
      return {
        kind: 'object',
        items: node.properties.map((p) => ({
          key: { kind: 'literal', value: p.name, range: p.nameRange },
          value: legacyExpression(p.value, options, diagnostics),
        })),
        range: node.range,
      };
  }
}

export function legacyAttribute(
  p: JsonProperty,
  options: TranslateOptions,
  diagnostics: Diagnostic[],
): Attribute {
  return {
    name: p.name,
    nameRange: p.nameRange,
    expr: legacyExpression(p.value, options, diagnostics),
    range: rangeBetween(p.nameRange, p.value.range),
  };
}

/** A plugin's settings: every property but the engine's own (`type`, `only`, ...), as attributes. */
export function legacyBody(
  object: JsonObjectNode,
  common: ReadonlySet<string>,
  options: TranslateOptions,
  diagnostics: Diagnostic[],
): Body {
  return {
    attributes: object.properties
      .filter((p) => !common.has(p.name))
      .map((p) => legacyAttribute(p, options, diagnostics)),
    blocks: [],
    range: object.range,
    legacy: true,
  };
}

export function property(object: JsonObjectNode, name: string): JsonProperty | undefined {
  return object.properties.find((p) => p.name === name);
}

/** A string property: undefined when absent, reported when it is not a string. */
export function stringProperty(
  object: JsonObjectNode,
  name: string,
  where: string,
  diagnostics: Diagnostic[],
): { value: string; range: SourceRange } | undefined {
  const p = property(object, name);
  if (!p) return undefined;
  if (p.value.kind !== 'string') {
    wrongType(p.value, `"${name}" of ${where}`, 'a string', diagnostics);
    return undefined;
  }
  return { value: p.value.value, range: p.value.range };
}

/** A list of strings (`only`, `except`, `sensitive-variables`). */
export function stringList(
  node: JsonNode,
  where: string,
  diagnostics: Diagnostic[],
): { value: string; range: SourceRange }[] {
  // mapstructure leaves a null field unset.
  if (node.kind === 'null') return [];
  if (node.kind !== 'array') {
    wrongType(node, where, 'an array of strings', diagnostics);
    return [];
  }
  const out: { value: string; range: SourceRange }[] = [];
  for (const item of node.items) {
    if (item.kind === 'string') out.push({ value: item.value, range: item.range });
    else wrongType(item, `an element of ${where}`, 'a string', diagnostics);
  }
  return out;
}

type Located = { value: string; range: SourceRange };

/**
 * A scalar as mapstructure's weak decoding reads it into a Go string (Packer decodes builders and
 * provisioners weakly): a boolean is "1" or "0", a number (a float64) its decimal text, null
 * nothing; an array or object is reported.
 */
export function weakString(node: JsonNode, where: string, diagnostics: Diagnostic[]): Located | undefined {
  switch (node.kind) {
    case 'string':
      return { value: node.value, range: node.range };
    case 'number':
      return { value: formatFloat(Number(node.text), 'f', -1), range: node.range };
    case 'bool':
      return { value: node.value ? '1' : '0', range: node.range };
    case 'null':
      return undefined;
    default:
      wrongType(node, where, 'a string', diagnostics);
      return undefined;
  }
}

/** A weakly decoded string property: undefined when absent or null. */
export function weakStringProperty(
  object: JsonObjectNode,
  name: string,
  where: string,
  diagnostics: Diagnostic[],
): Located | undefined {
  const p = property(object, name);
  return p ? weakString(p.value, `"${name}" of ${where}`, diagnostics) : undefined;
}

/**
 * A weakly decoded list of strings (a provisioner's `only`/`except`): one scalar is a list of
 * one, null and an empty object are empty lists, elements are weak strings (null ones empty).
 */
export function weakStringList(node: JsonNode, where: string, diagnostics: Diagnostic[]): Located[] {
  if (node.kind === 'null') return [];
  if (node.kind === 'object' && node.properties.length === 0) return [];
  const items = node.kind === 'array' ? node.items : [node];
  const out: Located[] = [];
  for (const item of items) {
    if (item.kind === 'null') out.push({ value: '', range: item.range });
    const s = weakString(item, node.kind === 'array' ? `an element of ${where}` : where, diagnostics);
    if (s) out.push(s);
  }
  return out;
}
