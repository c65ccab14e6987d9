import { describe, expect, it } from 'vitest';
import { defineFunction, param } from '../functions/define.ts';
import { parseNativeExpression } from '../parse/native/index.ts';
import { type Value, listVal, numberVal, objectVal, stringVal, unknownVal } from '../values/value.ts';
import { DYNAMIC, STRING } from '../values/types.ts';
import { evalContext } from './context.ts';
import { evaluate } from './expression.ts';
import { createFunctionTable } from '../functions/table.ts';
import { testContext } from '../functions/test-support.ts';
import { valueToJson } from './to-json.ts';

const ctx = evalContext(
  {
    var: objectVal({
      name: stringVal('web'),
      count: numberVal(3),
      list: listVal([stringVal('a'), stringVal('b')]),
      servers: listVal([
        objectVal({ ip: stringVal('10.0.0.1'), tags: listVal([stringVal('x')]) }),
        objectVal({ ip: stringVal('10.0.0.2'), tags: listVal([stringVal('y')]) }),
      ]),
    }),
    build: unknownVal(DYNAMIC),
  },
  new Map([
    [
      'upper',
      defineFunction('upper', {
        description: 'upper-cases a string',
        params: [param('s', STRING)],
        returns: STRING,
        impl: (args) => stringVal((args[0] as Value).asString().toUpperCase()),
      }),
    ],
  ]),
);

function run(src: string) {
  const { expr, diagnostics } = parseNativeExpression(src, 'e.hcl');
  expect(diagnostics).toEqual([]);
  return evaluate(expr, ctx);
}

function json(src: string) {
  const { value, diagnostics } = run(src);
  expect(diagnostics).toEqual([]);
  return valueToJson(value);
}

describe('evaluate', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['"${var.name}-${var.count}"', 'web-3'],
    ['var.count > 2 ? "many" : "few"', 'many'],
    ['var.list[1]', 'b'],
    ['var.servers.*.ip', ['10.0.0.1', '10.0.0.2']],
    ['var.servers[*].tags[0]', ['x', 'y']],
    ['var.servers.0.ip', '10.0.0.1'],
    ['[for s in var.servers : s.ip if s.ip != "10.0.0.1"]', ['10.0.0.2']],
    ['{for i, v in var.list : v => i}', { a: 0, b: 1 }],
    ['{for v in ["a", "b", "a"] : v => v...}', { a: ['a', 'a'], b: ['b'] }],
    ['upper(["a"]...)', 'A'],
    ['"%{ for v in var.list }<${v}>%{ endfor }"', '<a><b>'],
    ['"%{ if var.count == 3 }three%{ else }other%{ endif }"', 'three'],
    ['<<-EOT\n    hello ${var.name}\n    EOT\n', 'hello web\n'],
    ['{ a = 1, "b" = [true, null] }', { a: 1, b: [true, null] }],
    ['!(1 >= 2) && "x" == "x"', true],
    ['11 % 5', 1],
  ])('%s', (src, expected) => {
    expect(json(src)).toEqual(expected);
  });

  it('keeps a lone interpolation unwrapped', () => {
    expect(run('"${var.count}"').value.type.kind).toBe('number');
  });

  it('makes templates over unknown values unknown', () => {
    const { value, diagnostics } = run('"id: ${build.ID}"');
    expect(diagnostics).toEqual([]);
    expect(value.isKnown).toBe(false);
    expect(value.type.kind).toBe('string');
  });

  it('reports function call problems as HCL words them', () => {
    const { diagnostics } = run('upper(var.list...)');
    expect(diagnostics.map((d) => d.summary)).toEqual(['Too many function arguments']);
  });

  it('reports every problem with its range', () => {
    const { diagnostics } = run('[nope, var.missing, 1 + "x", unknownfn(1)]');
    expect(diagnostics.map((d) => [d.summary, d.subject?.start.column])).toEqual([
      ['Unknown variable', 2],
      ['Unsupported attribute', 12],
      ['Invalid operand', 21],
      ['Call to unknown function', 30],
    ]);
  });
});

describe('conditional expressions, as HCL evaluates them', () => {
  const summaries = (src: string) => run(src).diagnostics.map((d) => d.summary);

  it("keeps only the chosen result's diagnostics", () => {
    expect(json('var.count > 2 ? "many" : upper(["x"])')).toBe('many');
    expect(json('var.count < 2 ? var.nope : "few"')).toBe('few');
    expect(summaries('var.count > 2 ? var.nope : "few"')).toEqual(['Unsupported attribute']);
  });

  it('keeps neither result’s diagnostics when the condition is unknown, null or not a bool', () => {
    const unknown = run('build == "x" ? var.nope : upper(["x"])');
    expect(unknown.diagnostics).toEqual([]);
    expect(unknown.value.isKnown).toBe(false);
    expect(summaries('null ? var.nope : 1')).toEqual(['Null condition']);
    expect(summaries('"maybe" ? var.nope : 1')).toEqual(['Incorrect condition type']);
    expect(run('"maybe" ? 1 : 2').diagnostics[0]?.detail).toBe(
      'The condition expression must be of type bool.',
    );
  });

  it('reports results that cannot unify over both of them, before the condition', () => {
    const { diagnostics } = run('var.nope ? 1 : [1]');
    expect(diagnostics.map((d) => [d.summary, d.subject?.start.column, d.subject?.end.column])).toEqual([
      ['Inconsistent conditional result types', 12, 19],
    ]);
    expect(diagnostics[0]?.detail).toBe(
      "The true and false result expressions must have consistent types. The 'true' value is number, but the 'false' value is tuple.",
    );
    expect(run('true ? {a = 1} : {b = [1]}').diagnostics[0]?.detail).toContain(
      `The 'true' value includes object attribute "a", which is absent in the 'false' value`,
    );
    expect(run('true ? [1, 2] : [1]').diagnostics).toEqual([]);
  });

  it('gives a literal null the other result’s type and unifies the rest', () => {
    const typed = run('true ? null : "a"').value;
    expect([typed.isNull, typed.type.kind]).toEqual([true, 'string']);
    expect(run('false ? 1 : "a"').value.type.kind).toBe('string');
    expect(json('true ? 1 : "a"')).toBe('1');
    const bothNull = run('build == "x" ? null : null').value;
    expect([bothNull.isKnown, bothNull.isNull]).toEqual([true, true]);
  });
});

describe('HCL evaluation rules the differential fuzzer found', () => {
  it('lets a full splat take the splats after it, and gives a list for a list', () => {
    expect(json('var.servers[*].ip.*')).toEqual([['10.0.0.1'], ['10.0.0.2']]);
    expect(run('var.servers[*].ip').value.type.kind).toBe('list');
    expect(run('[var.name][*]').value.type.kind).toBe('tuple');
  });

  it('type-checks a splat over an empty list against its element type', () => {
    const { diagnostics } = run('(var.count > 2 ? [] : [1, 2])[*].port');
    expect(diagnostics.map((d) => d.summary)).toEqual(['Unsupported attribute']);
  });

  it('short-circuits || and && as HCL does, keeping the deciding side’s diagnostics only', () => {
    expect(json('upper([1]) || true')).toBe(true);
    expect(json('false && var.nope')).toBe(false);
    expect(run('var.nope || false').diagnostics.map((d) => d.summary)).toEqual(['Unsupported attribute']);
    expect(run('build == "x" || var.nope').value.isKnown).toBe(false);
  });

  it('makes no call when an argument failed, so the result has no type to clash with', () => {
    expect(json('var.count > 2 ? ["a"] : upper(null ? "x" : "y")')).toEqual(['a']);
  });

  it('refuses a for condition that cannot be a bool even over an empty collection', () => {
    expect(run('[for v in [] : v if {}]').diagnostics.map((d) => d.detail)).toEqual([
      "The 'if' clause value is invalid: bool required.",
    ]);
  });
});

describe('cty typing rules the differential fuzzer found', () => {
  const all = evalContext({ count: numberVal(3) }, createFunctionTable(testContext()));
  const full = (src: string) => evaluate(parseNativeExpression(src, 'e.hcl').expr, all);

  it('unifies a set of strings with a tuple to the set, as cty prefers collections', () => {
    const chosen = full('count > 2 ? [1] : setunion(["a"], ["b"])').value;
    expect([chosen.type.kind, valueToJson(chosen)]).toEqual(['set', ['1']]);
  });

  it('makes setproduct a set when any argument is a set', () => {
    expect(full('setproduct(setunion(["a"], ["b"]), [1])').value.type.kind).toBe('set');
    expect(full('setproduct(["a"], [1])').value.type.kind).toBe('list');
  });

  it('refuses an empty collection whose element type does not convert', () => {
    expect(full('anytrue(regexall("(?P<first>[a-z])", "1.5"))').diagnostics.map((d) => d.summary)).toEqual([
      'Invalid function argument',
    ]);
  });

  it('gives a failed operation the type of its operator, as HCL does', () => {
    const failed = full('1 - "x"').value;
    expect([failed.isKnown, failed.type.kind]).toEqual([false, 'number']);
    expect(full('true ? { a = 1 } : 1 - "x"').diagnostics.map((d) => d.summary)).toEqual([
      'Inconsistent conditional result types',
    ]);
    // The failed comparison is an unknown bool, which no number unifies with; the outer
    // conditional then drops that branch's diagnostics.
    expect(full('true ? count : (count < "x")').diagnostics.map((d) => d.summary)).toEqual([
      'Inconsistent conditional result types',
    ]);
    expect(valueToJson(full('true ? true : (true ? count : (count < "x"))').value)).toBe(true);
  });

  it("keeps cty's substr quirk: length 0 from an offset counted from the end takes the rest", () => {
    expect(valueToJson(full('substr("v1", -2, 0)').value)).toBe('v1');
    expect(valueToJson(full('substr("v1", 0, 0)').value)).toBe('');
  });
});
