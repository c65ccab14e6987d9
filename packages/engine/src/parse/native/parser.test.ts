import { describe, expect, it } from 'vitest';
import type { Expression } from '../ast.ts';
import { parseNativeExpression, parseNativeFile } from './index.ts';

/** A compact rendering of an expression tree, for readable expectations. */
function show(e: Expression): string {
  switch (e.kind) {
    case 'literal':
      return JSON.stringify(e.value);
    case 'number':
      return e.text;
    case 'variable':
      return e.name;
    case 'get-attr':
      return `${show(e.object)}.${e.name}`;
    case 'index':
      return `${show(e.collection)}[${show(e.key)}]`;
    case 'splat':
      return `splat${e.full ? '[*]' : '.*'}(${show(e.source)} -> ${show(e.each)})`;
    case 'splat-item':
      return '@';
    case 'call':
      return `${e.name}(${e.args.map(show).join(', ')}${e.expandFinal ? '...' : ''})`;
    case 'conditional':
      return `(${show(e.condition)} ? ${show(e.trueResult)} : ${show(e.falseResult)})`;
    case 'binary':
      return `(${show(e.left)} ${e.operator} ${show(e.right)})`;
    case 'unary':
      return `${e.operator}${show(e.operand)}`;
    case 'tuple':
      return `[${e.items.map(show).join(', ')}]`;
    case 'object':
      return `{${e.items.map((i) => `${show(i.key)}: ${show(i.value)}`).join(', ')}}`;
    case 'for':
      return `for(${e.keyVar ? `${e.keyVar}, ` : ''}${e.valueVar} in ${show(e.collection)}: ${e.keyExpr ? `${show(e.keyExpr)} => ` : ''}${show(e.valueExpr)}${e.grouping ? '...' : ''}${e.condition ? ` if ${show(e.condition)}` : ''})`;
    case 'parens':
      return `(${show(e.expr)})`;
    case 'template':
      return `tpl<${e.parts.map((p) => (p.kind === 'literal' ? JSON.stringify(p.text) : p.kind === 'interpolation' ? `\${${show(p.expr)}}` : `%${p.kind}`)).join(' ')}>`;
    case 'bound':
      return `bound(${show(e.expr)})`;
    case 'invalid':
      return '<invalid>';
  }
}

function expr(src: string): string {
  const { expr: e, diagnostics } = parseNativeExpression(src, 'e.hcl');
  expect(diagnostics).toEqual([]);
  return show(e);
}

describe('native expressions', () => {
  it.each([
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['a || b && c == d', '(a || (b && (c == d)))'],
    ['1 < 2 == true', '((1 < 2) == true)'],
    ['10 - 4 - 3', '((10 - 4) - 3)'],
    ['-a.b + !c', '(-a.b + !c)'],
    ['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
    ['(1 + 2) * 3', '(((1 + 2)) * 3)'],
    [
      '3.14159265358979323846264338327950288419716939937510582097494459',
      '3.14159265358979323846264338327950288419716939937510582097494459',
    ],
    ['1e10', '1e10'],
    ['null', 'null'],
  ])('parses %s with the spec precedence', (src, tree) => {
    expect(expr(src)).toBe(tree);
  });

  it('parses traversals, legacy indexes and splats', () => {
    expect(expr('var.list[0].name')).toBe('var.list[0].name');
    expect(expr('a.0.1')).toBe('a[0][1]');
    expect(expr('a.*.b.c[0]')).toBe('splat.*(a -> @.b.c)[0]');
    expect(expr('a[*].b[0]')).toBe('splat[*](a -> @.b[0])');
    // A full splat takes the splats after it; an attribute-only one ends at an index.
    expect(expr('a[*].b.*')).toBe('splat[*](a -> splat.*(@.b -> @))');
    expect(expr('a[*].b[*].c')).toBe('splat[*](a -> splat[*](@.b -> @.c))');
  });

  it('parses function calls with expansion', () => {
    expect(expr('max(1, 2, list...)')).toBe('max(1, 2, list...)');
    expect(expr('f(\n  1,\n  2,\n)')).toBe('f(1, 2)');
  });

  it('parses tuples and objects with = and :, newline separated', () => {
    expect(expr('[1, "a", [true]]')).toBe('[1, tpl<"a">, [true]]');
    expect(expr('{\n  a = 1\n  "b": 2, (c) = 3\n}')).toBe('{"a": 1, tpl<"b">: 2, (c): 3}');
  });

  it('parses for expressions of both kinds', () => {
    expect(expr('[for x in xs : x * 2 if x > 1]')).toBe('for(x in xs: (x * 2) if (x > 1))');
    expect(expr('{for k, v in m : v => k...}')).toBe('for(k, v in m: v => k...)');
    expect(expr('{\n  for k, v in m :\n  k => v\n}')).toBe('for(k, v in m: k => v)');
    expect(expr('{ true = 1, null: 2 }')).toBe('{"true": 1, "null": 2}');
  });

  it('parses templates with escapes, interpolation and directives', () => {
    expect(expr('"a\\n\\"b\\u00e9 $${x} ${y}"')).toBe('tpl<"a\\n\\"bé ${x} " ${y}>');
    expect(expr('"x %{ if c }yes%{ else }no%{ endif }"')).toBe('tpl<"x " %if>');
    expect(expr('"  a  ${~ b ~}  c  "')).toBe('tpl<"  a" ${b} "c  ">');
  });

  it('refuses escapes of characters UTF-8 cannot encode, as HCL does', () => {
    for (const [src, detail] of [
      ['"\\ud800"', 'Cannot encode character U+d800 in UTF-8.'],
      ['"\\U00110000"', 'Cannot encode character U+110000 in UTF-8.'],
    ]) {
      const { diagnostics } = parseNativeExpression(src as string, 'e.hcl');
      expect(diagnostics.map((d) => [d.summary, d.detail])).toEqual([['Invalid escape sequence', detail]]);
    }
  });

  it('parses heredocs, removing indentation of <<- ones', () => {
    expect(expr('<<EOT\n  a\n   b\nEOT\n')).toBe('tpl<"  a\\n" "   b\\n">');
    expect(expr('<<-EOT\n    a\n      b\n    EOT\n')).toBe('tpl<"a\\n" "  b\\n">');
  });
});

describe('native bodies', () => {
  it('keeps attributes and blocks in order with their ranges', () => {
    const { file, diagnostics } = parseNativeFile(
      'a = 1\nsource "file" x {\n  b = "c"\n}\nbuild {}\n',
      'f.pkr.hcl',
    );
    expect(diagnostics).toEqual([]);
    expect(file.body.attributes.map((a) => a.name)).toEqual(['a']);
    expect(file.body.blocks.map((b) => [b.type, b.labels.map((l) => l.value)])).toEqual([
      ['source', ['file', 'x']],
      ['build', []],
    ]);
    const source = file.body.blocks[0];
    expect(source?.range).toMatchObject({
      start: { line: 2, column: 1, byte: 6 },
      end: { line: 4, column: 2 },
    });
    expect(source?.labels[0]?.range).toMatchObject({ start: { column: 8 }, end: { column: 14 } });
    expect(source?.body.attributes[0]?.nameRange.start).toEqual({ line: 3, column: 3, byte: 26 });
  });

  it('reports every error and recovers after each', () => {
    const src = [
      'a = ',
      'b = [1, 2 3]',
      'c = "x"',
      'd { e = 1, f = 2 }',
      '"oops"',
      'g = 1 h = 2',
      'ok = true',
    ].join('\n');
    const { file, diagnostics } = parseNativeFile(src, 'bad.hcl');
    expect(diagnostics.length).toBeGreaterThanOrEqual(4);
    expect(diagnostics.every((d) => d.subject?.filename === 'bad.hcl')).toBe(true);
    const lines = diagnostics.map((d) => d.subject?.start.line);
    expect(lines).toContain(1);
    expect(lines).toContain(4);
    expect(lines).toContain(5);
    expect(lines).toContain(6);
    expect(file.body.attributes.map((a) => a.name)).toContain('ok');
  });

  it('ends bracketed expressions before the newline that follows them', () => {
    const { file, diagnostics } = parseNativeFile(
      'a = f(<<EOT\nhi\nEOT\n)\nb = (1 +\n2)\nc = x[\n0\n]\nd = 4\n',
      'f.hcl',
    );
    expect(diagnostics).toEqual([]);
    expect(file.body.attributes.map((a) => a.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('recovers from stray closing brackets without looping', () => {
    const { file, diagnostics } = parseNativeFile(') ]\na = 1 )\n}\nb = 2\n', 'f.hcl');
    expect(diagnostics.map((d) => d.subject?.start.line)).toEqual([1, 1, 2, 3]);
    expect(file.body.attributes.map((a) => a.name)).toEqual(['a', 'b']);
  });

  it('checks single-line blocks like HCL', () => {
    const { diagnostics } = parseNativeFile('a { b = 1, c = 2 }\na { d {} }\na { b = 1\n}\na {}\n', 'f.hcl');
    expect(diagnostics.map((d) => [d.detail, d.subject?.start.line, d.subject?.start.column])).toEqual([
      ['Only one argument is allowed in a single-line block definition.', 1, 10],
      ['A single-line block definition cannot contain another block definition.', 2, 5],
      ['The closing brace for a single-line block definition must be on the same line.', 3, 10],
    ]);
  });

  it('reports an unclosed block at its opening brace', () => {
    const { diagnostics } = parseNativeFile('a {\n  b = 1\n', 'f.hcl');
    expect(diagnostics.map((d) => [d.summary, d.subject?.start])).toEqual([
      ['Unclosed configuration block', { line: 1, column: 3, byte: 2 }],
    ]);
  });

  it('rejects template sequences in block labels', () => {
    const { diagnostics } = parseNativeFile('a "${x}" {\n}\n', 'f.hcl');
    expect(diagnostics[0]?.summary).toBe('Invalid block label');
  });
});

describe('error recovery without cascades', () => {
  it('reports a bad attribute value once, then goes on with the next line', () => {
    const { diagnostics } = parseNativeFile('a = = "two"\nb = [\n  "x"]\nc = 1 2\n', 'x.pkr.hcl');
    expect(diagnostics.map((d) => [d.summary, d.subject?.start.line, d.subject?.start.column])).toEqual([
      ['Invalid expression', 1, 5],
      ['Missing newline after argument', 4, 7],
    ]);
  });
});
