import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../errors/diagnostic.ts';
import type { VariableDecl } from '../model/template.ts';
import { parseNativeExpression } from '../parse/native/index.ts';
import { toPlain } from '../values/json.ts';
import { DYNAMIC } from '../values/types.ts';
import { evalContext } from './context.ts';
import { typeConstraint } from './type-constraint.ts';
import { type VariableInput, evaluateVariables } from './variables.ts';

function expr(text: string, filename = 'variables.pkr.hcl') {
  const parsed = parseNativeExpression(text, filename);
  expect(parsed.diagnostics).toEqual([]);
  return parsed.expr;
}

function variable(name: string, type: string | undefined, defaultText?: string): VariableDecl {
  const diagnostics: Diagnostic[] = [];
  const decl: VariableDecl = {
    name,
    type: type === undefined ? DYNAMIC : typeConstraint(expr(type), diagnostics),
    sensitive: false,
    validations: [],
    range: expr(`"${name}"`).range,
  };
  expect(diagnostics).toEqual([]);
  if (defaultText !== undefined) decl.default = expr(defaultText);
  return decl;
}

function run(decls: VariableDecl[], inputs: VariableInput[] = []) {
  const diagnostics: Diagnostic[] = [];
  const values = evaluateVariables(decls, inputs, evalContext({}), diagnostics);
  const plain = Object.fromEntries(
    [...values].map(([k, v]) => [k, v.isWhollyKnown ? toPlain(v) : '<unknown>']),
  );
  return { values: plain, problems: diagnostics.map((d) => `${d.summary}: ${d.detail}`) };
}

const CONTEXT =
  'object({ with_default = optional(string, "default_value"), without_default = optional(number), required = string })';

describe('evaluateVariables with optional attribute defaults', () => {
  it('applies the defaults to the variable default', () => {
    const { values, problems } = run([variable('context', CONTEXT, '{ required = "set" }')]);
    expect(problems).toEqual([]);
    expect(values.context).toEqual({ required: 'set', with_default: 'default_value', without_default: null });
  });

  it('applies the defaults to values from var files, -var and PKR_VAR_', () => {
    const decls = [variable('file', CONTEXT), variable('flag', CONTEXT), variable('env', CONTEXT)];
    const { values, problems } = run(decls, [
      {
        name: 'file',
        expr: expr('{ required = "f", with_default = null }', 'x.pkrvars.hcl'),
        origin: 'x.pkrvars.hcl',
        strict: false,
      },
      { name: 'flag', raw: '{ required = "v", without_default = 3 }', origin: '-var flag', strict: true },
      { name: 'env', raw: '{ required = "e" }', origin: 'PKR_VAR_env', strict: false },
    ]);
    expect(problems).toEqual([]);
    expect(values).toEqual({
      file: { required: 'f', with_default: 'default_value', without_default: null },
      flag: { required: 'v', with_default: 'default_value', without_default: 3 },
      env: { required: 'e', with_default: 'default_value', without_default: null },
    });
  });

  it('applies the defaults inside collections of objects', () => {
    const decl = variable(
      'servers',
      'list(object({ name = string, port = optional(number, 22) }))',
      '[{ name = "a" }, { name = "b", port = 2222 }, null]',
    );
    expect(run([decl]).values.servers).toEqual([{ name: 'a', port: 22 }, { name: 'b', port: 2222 }, null]);
  });

  it('leaves a null value null', () => {
    expect(run([variable('context', CONTEXT, 'null')]).values.context).toBeNull();
  });

  it('reports a value that does not fit in the words Packer uses for where it came from', () => {
    const type = 'object({ x = optional(number, 3) })';
    const { values, problems } = run(
      [variable('a', type, '{ x = "bad" }'), variable('b', type), variable('c', type)],
      [
        { name: 'b', raw: '{ x = "q" }', origin: '-var b', strict: true },
        { name: 'c', expr: expr('{ x = true }', 'x.pkrvars.hcl'), origin: 'x.pkrvars.hcl', strict: false },
      ],
    );
    expect(problems).toEqual([
      `Invalid default value for variable: This default value is not compatible with the variable's type constraint: attribute "x": a number is required.`,
      `Invalid argument value for -var variable: The received arg value for b is not compatible with the variable's type constraint: attribute "x": a number is required.`,
      `Invalid value for variable: The value for c is not compatible with the variable's type constraint: attribute "x": number required.`,
    ]);
    expect(values).toEqual({ a: '<unknown>', b: '<unknown>', c: '<unknown>' });
  });
});

describe('evaluateVariables for variables declared without a type', () => {
  it('converts given values to the type of the default, reading raw strings as strings', () => {
    const { values, problems } = run(
      [variable('n', undefined, '1'), variable('s', undefined, '"x"'), variable('any', 'any')],
      [
        { name: 'n', raw: '5', origin: '-var n', strict: true },
        { name: 's', raw: '12', origin: '-var s', strict: true },
        { name: 'any', raw: '["a"]', origin: '-var any', strict: true },
      ],
    );
    expect(problems).toEqual([]);
    expect(values).toEqual({ n: 5, s: '12', any: '["a"]' });
  });

  it('rejects a value that does not convert to the type of the default', () => {
    const { problems } = run(
      [variable('n', undefined, '1')],
      [{ name: 'n', raw: 'abc', origin: '-var n', strict: true }],
    );
    expect(problems).toEqual([
      `Invalid argument value for -var variable: The received arg value for n is not compatible with the variable's type constraint: a number is required.`,
    ]);
  });
});
