import { describe, expect, it } from 'vitest';
import { concreteBody } from '../body.ts';
import { parseJsonFile } from './json-body.ts';

describe('HCL JSON syntax', () => {
  const src = `{
  "//": "a comment",
  "name": "x \${var.y}",
  "source": { "file": { "a": { "target": "a.txt" }, "b": [{ "target": "b.txt" }] } },
  "list": [1, true, null]
}`;

  it('reads properties as blocks or attributes according to the shape', () => {
    const { body: json, diagnostics } = parseJsonFile(src, 't.pkr.json');
    expect(diagnostics).toEqual([]);
    const { body, diagnostics: found } = concreteBody(json, new Map([['source', 2]]));
    expect(found).toEqual([]);
    expect(body.attributes.map((a) => [a.name, a.expr.kind])).toEqual([
      ['name', 'template'],
      ['list', 'tuple'],
    ]);
    expect(body.blocks.map((b) => [b.type, ...b.labels.map((l) => l.value)])).toEqual([
      ['source', 'file', 'a'],
      ['source', 'file', 'b'],
    ]);
    expect(body.blocks[0]?.labels[1]?.range.start).toEqual({ line: 4, column: 25, byte: 71 });
  });

  it('reads strings as templates positioned inside the string', () => {
    const { body: json } = parseJsonFile(src, 't.pkr.json');
    const name = concreteBody(json).body.attributes.find((a) => a.name === 'name');
    expect(name?.expr.kind === 'template' && name.expr.parts.map((p) => p.kind)).toEqual([
      'literal',
      'interpolation',
    ]);
    const interpolation = name?.expr.kind === 'template' ? name.expr.parts[1] : undefined;
    expect(interpolation?.range.start).toEqual({ line: 3, column: 14, byte: 36 });
  });

  it('reports JSON syntax errors with their position', () => {
    const { diagnostics } = parseJsonFile('{\n  "a": 1,\n  "b" 2\n}', 'bad.pkr.json');
    expect(diagnostics.map((d) => [d.summary, d.subject?.start.line, d.subject?.start.column])).toEqual([
      ['Missing colon', 3, 7],
    ]);
  });

  it('requires a JSON object where a block is expected', () => {
    const { body: json } = parseJsonFile('{ "build": "nope" }', 't.pkr.json');
    const { diagnostics } = concreteBody(json, new Map([['build', 0]]));
    expect(diagnostics.map((d) => d.summary)).toEqual(['Incorrect JSON value type']);
  });
});
