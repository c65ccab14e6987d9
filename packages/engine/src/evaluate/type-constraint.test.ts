import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../errors/diagnostic.ts';
import { parseNativeExpression } from '../parse/native/index.ts';
import { jsonExpression } from '../parse/json/json-body.ts';
import type { JsonNode } from '../parse/json/json-node.ts';
import { parseJson } from '../parse/json/json-parser.ts';
import { toPlain } from '../values/json.ts';
import { type Type, typeExpression } from '../values/types.ts';
import { typeConstraint } from './type-constraint.ts';

function read(text: string, options?: { defaults?: boolean }): { type: Type; diagnostics: Diagnostic[] } {
  const parsed = parseNativeExpression(text, 'variables.pkr.hcl');
  expect(parsed.diagnostics).toEqual([]);
  const diagnostics: Diagnostic[] = [];
  const type = typeConstraint(parsed.expr, diagnostics, options);
  return { type, diagnostics };
}

function problems(text: string, options?: { defaults?: boolean }): string[] {
  return read(text, options).diagnostics.map((d) => `${d.summary}: ${d.detail}`);
}

describe('typeConstraint', () => {
  it('reads keywords and constructors', () => {
    expect(typeExpression(read('map(list(tuple([string, any])))').type)).toBe(
      'map(list(tuple([string, any])))',
    );
    expect(typeExpression(read('set(bool)').type)).toBe('set(bool)');
  });

  it('reads optional attributes and their defaults, converted to the attribute type', () => {
    const { type, diagnostics } = read(
      'object({ with_default = optional(string, 5), without_default = optional(number), required = string })',
    );
    expect(diagnostics).toEqual([]);
    expect(type.kind === 'object' && [...(type.optional ?? [])].sort()).toEqual([
      'with_default',
      'without_default',
    ]);
    const defaults = type.kind === 'object' ? type.defaults : undefined;
    expect(defaults?.with_default?.type.kind).toBe('string');
    expect(defaults?.with_default && toPlain(defaults.with_default)).toBe('5');
    expect(defaults && Object.keys(defaults)).toEqual(['with_default']);
  });

  it('accepts constant default expressions built from literals and operators', () => {
    const { type, diagnostics } = read('object({ a = optional(list(number), [1 + 1, 3]) })');
    expect(diagnostics).toEqual([]);
    const defaults = type.kind === 'object' ? type.defaults : undefined;
    expect(defaults?.a && toPlain(defaults.a)).toEqual([2, 3]);
  });

  it('reports optional() misuse with the messages of HCL typeexpr', () => {
    expect(problems('optional(string)')).toEqual([
      'Invalid type specification: Keyword "optional" is valid only as a modifier for object type attributes.',
    ]);
    expect(problems('list(optional(string))')).toEqual([
      'Invalid type specification: Keyword "optional" is valid only as a modifier for object type attributes.',
    ]);
    expect(problems('object({ x = optional() })')).toEqual([
      'Invalid type specification: Optional attribute modifier requires the attribute type as its argument.',
    ]);
    expect(problems('object({ x = optional(string, "a", "b") })')).toEqual([
      'Invalid type specification: Optional attribute modifier expects at most two arguments: the attribute type, and a default value.',
    ]);
    expect(problems('object({ x = optional(string, "a") })', { defaults: false })).toEqual([
      'Invalid type specification: Optional attribute modifier expects only one argument: the attribute type.',
    ]);
  });

  it('reports a default that does not fit the attribute type, at the default', () => {
    const { diagnostics } = read('object({ x = optional(number, "abc") })');
    expect(diagnostics.map((d) => [d.summary, d.detail, d.subject?.start.column])).toEqual([
      [
        'Invalid default value for optional attribute',
        "This default value is not compatible with the attribute's type constraint: a number is required.",
        31,
      ],
    ]);
    expect(problems('object({ x = optional(list(string), { a = 1 }) })')).toEqual([
      "Invalid default value for optional attribute: This default value is not compatible with the attribute's type constraint: list of string required.",
    ]);
  });

  it('requires defaults to be constants', () => {
    expect(problems('object({ x = optional(string, var.b) })')).toEqual([
      'Variables not allowed: Variables may not be used here.',
    ]);
    expect(problems('object({ x = optional(string, upper("a")) })')).toEqual([
      'Function calls not allowed: Functions may not be called here.',
    ]);
  });

  it('reports other invalid specifications as typeexpr does', () => {
    expect(problems('list')).toEqual([
      'Invalid type specification: The list type constructor requires one argument specifying the element type.',
    ]);
    expect(problems('list(string, number)')).toEqual([
      'Invalid type specification: The list type constructor requires one argument specifying the element type.',
    ]);
    expect(problems('string(1)')).toEqual([
      'Invalid type specification: Primitive type keyword "string" does not expect arguments.',
    ]);
    expect(problems('"string"')).toEqual([
      'Invalid type specification: A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).',
    ]);
    expect(problems('object({ "a b" = string, a = string, a = number })')).toEqual([
      'Invalid type specification: Object constructor map keys must be attribute names.',
      'Invalid type specification: Object constructor map keys must be unique.',
    ]);
    expect(problems('foo(string)')).toEqual([
      'Invalid type specification: Keyword "foo" is not a valid type constructor.',
    ]);
  });

  it('reads a type written as a string in an HCL JSON file', () => {
    const typeOf = (json: string) => {
      const diagnostics: Diagnostic[] = [];
      const expr = jsonExpression(parseJson(json, 'variables.pkr.json').node as JsonNode, diagnostics);
      return { type: typeConstraint(expr, diagnostics), diagnostics };
    };
    const object = typeOf('"object({x = optional(string, \\"dx\\"), y = number})"');
    expect(object.diagnostics).toEqual([]);
    expect(object.type.kind === 'object' && object.type.defaults?.x && toPlain(object.type.defaults.x)).toBe(
      'dx',
    );
    expect(typeOf('"list"').diagnostics.map((d) => d.detail)).toEqual([
      'The list type constructor requires one argument specifying the element type.',
    ]);
  });
});
