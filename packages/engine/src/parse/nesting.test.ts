import { describe, expect, it } from 'vitest';
import { parseGoTemplate } from '../go-template/parse.ts';
import { parseJson } from './json/json-parser.ts';
import { parseNativeExpression, parseNativeFile } from './native/index.ts';
import { MAX_NESTING } from './native/token-stream.ts';

const DEEP = 20_000;

describe('deeply nested input ends in a diagnostic, not a stack overflow', () => {
  it('refuses expressions nested deeper than MAX_NESTING and accepts those within it', () => {
    const within = parseNativeExpression(
      `${'('.repeat(MAX_NESTING - 1)}1${')'.repeat(MAX_NESTING - 1)}`,
      'e.hcl',
    );
    expect(within.diagnostics).toEqual([]);
    const deep = parseNativeExpression(`${'['.repeat(DEEP)}${']'.repeat(DEEP)}`, 'e.hcl');
    expect(deep.diagnostics.map((d) => d.summary)).toEqual(['Nesting too deep']);
  });

  it('refuses blocks nested too deep, naming the line', () => {
    const src = `a ${'{\n b '.repeat(DEEP)}{\n${'}\n'.repeat(DEEP + 1)}`;
    const { diagnostics } = parseNativeFile(src, 'deep.pkr.hcl');
    expect(diagnostics.map((d) => [d.summary, d.subject?.start.line])).toEqual([
      ['Nesting too deep', MAX_NESTING + 1],
    ]);
  });

  it('refuses JSON nested too deep', () => {
    const { node, diagnostics } = parseJson(`{"x": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`, 'deep.pkr.json');
    expect(node).toBeUndefined();
    expect(diagnostics.map((d) => d.summary)).toEqual(['Nesting too deep']);
  });

  it('refuses Go templates nested too deep for the parser', () => {
    expect(() =>
      parseGoTemplate(`${'{{if true}}'.repeat(DEEP)}x${'{{end}}'.repeat(DEEP)}`, () => false),
    ).toThrow('template: root: nesting too deep');
  });
});
