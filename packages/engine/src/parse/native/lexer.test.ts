import { describe, expect, it } from 'vitest';
import { Lexer } from './lexer.ts';

function kinds(src: string): string[] {
  return Lexer.tokenize(src, 't.hcl').tokens.map((t) =>
    t.type === 'punct' || t.type === 'ident' ? t.text : t.type,
  );
}

describe('Lexer', () => {
  it('gives every token its line, column and UTF-8 byte offsets', () => {
    const { tokens } = Lexer.tokenize('a = "ЖЖ"\nb = 1', 't.hcl');
    const b = tokens.find((t) => t.text === 'b');
    expect(b?.range.start).toEqual({ line: 2, column: 1, byte: 11 });
    const literal = tokens.find((t) => t.type === 'template-literal');
    expect(literal?.range).toMatchObject({ start: { column: 6, byte: 5 }, end: { column: 8, byte: 9 } });
  });

  it('skips comments of the three kinds; a line comment still ends the line', () => {
    expect(kinds('a = 1 # c\n// d\n/* e\n f */ b')).toEqual([
      'a',
      '=',
      'number',
      'newline',
      'newline',
      'b',
      'eof',
    ]);
  });

  it('scans template sequences inside strings with their strip markers', () => {
    const { tokens } = Lexer.tokenize('"x ${~ y ~} %{ if z }"', 't.hcl');
    expect(tokens.map((t) => t.type)).toEqual([
      'open-quote',
      'template-literal',
      'template-interp',
      'ident',
      'template-seq-end',
      'template-literal',
      'template-control',
      'ident',
      'ident',
      'template-seq-end',
      'close-quote',
      'eof',
    ]);
    expect(tokens[2]?.strip).toBe(true);
    expect(tokens[4]?.strip).toBe(true);
  });

  it('keeps nested braces inside an interpolation apart from its end', () => {
    expect(kinds('"${ {a = 1}.a }"')).toEqual([
      'open-quote',
      'template-interp',
      '{',
      'a',
      '=',
      'number',
      '}',
      '.',
      'a',
      'template-seq-end',
      'close-quote',
      'eof',
    ]);
  });

  it('scans heredocs line by line up to the closing marker', () => {
    const { tokens } = Lexer.tokenize('x = <<-EOT\n  one\n  two\n  EOT\n', 't.hcl');
    const types = tokens.map((t) => t.type);
    expect(types).toEqual([
      'ident',
      'punct',
      'open-heredoc',
      'template-literal',
      'template-literal',
      'close-heredoc',
      'newline',
      'eof',
    ]);
    expect(tokens[2]?.flush).toBe(true);
    expect(tokens[5]?.range.start).toEqual({ line: 4, column: 3, byte: 25 });
  });

  it('reports invalid characters and goes on', () => {
    const { tokens, diagnostics } = Lexer.tokenize('a = 1 @ 2 $', 't.hcl');
    expect(diagnostics.map((d) => d.subject?.start.column)).toEqual([7, 11]);
    expect(tokens.at(-1)?.type).toBe('eof');
  });
});
