import { describe, expect, it } from 'vitest';
import { diagnosticViews, sourceLine, type TemplateDiagnosticData } from './source-lines.ts';

const at = (filename: string, line: number, column: number, sourceLine: string | null = null) => ({
  filename,
  line,
  column,
  sourceLine,
});

describe('sourceLine', () => {
  it('returns the 1-based line without its break, for LF and CRLF', () => {
    expect(sourceLine('a\nb\nc', 2)).toBe('b');
    expect(sourceLine('a\r\nb\r\n', 1)).toBe('a');
    expect(sourceLine('a', 0)).toBeUndefined();
    expect(sourceLine('a', 5)).toBeUndefined();
  });
});

describe('diagnosticViews', () => {
  it('gives every diagnostic its file:line:column and the source line it points at', () => {
    const diagnostics: TemplateDiagnosticData[] = [
      {
        severity: 'error',
        summary: 'Missing newline',
        detail: null,
        ...at('main.pkr.hcl', 2, 7, '  content = = 1'),
      },
      {
        severity: 'error',
        summary: 'Unsupported block type',
        detail: 'No "x" here.',
        ...at('main.pkr.hcl', 3, 1),
      },
      {
        severity: 'warning',
        summary: 'No file',
        detail: 'A variable flag.',
        filename: null,
        line: null,
        column: null,
        sourceLine: null,
      },
      { severity: 'error', summary: 'Elsewhere', detail: null, ...at('other.pkr.hcl', 1, 1) },
    ];
    const views = diagnosticViews(diagnostics, {
      'main.pkr.hcl': 'source "file" "a" {\n  content = = 1\nx {}\n',
    });

    expect(views.map((v) => [v.location, v.line, v.column])).toEqual([
      ['main.pkr.hcl:2:7', '  content = = 1', 7],
      ['main.pkr.hcl:3:1', 'x {}', 1],
      [undefined, undefined, undefined],
      ['other.pkr.hcl:1:1', undefined, undefined],
    ]);
    expect(views[1]?.detail).toBe('No "x" here.');
    expect(views[0]?.detail).toBeUndefined();
    expect(new Set(views.map((v) => v.key)).size).toBe(4);
  });
});
