import type { Diagnostic, Pos } from '../../errors/diagnostic.ts';
import type { Expression, ParsedFile, TemplateExpr } from '../ast.ts';
import { parseBody } from './body.ts';
import { parseExpression } from './expression.ts';
import { Lexer } from './lexer.ts';
import { parseTemplateOnly } from './template.ts';
import { NestingTooDeep, TokenStream } from './token-stream.ts';

export { Lexer } from './lexer.ts';
export type { Token, TokenType } from './token.ts';

/** Parses one file of HCL native syntax; every error is reported, parsing continues after each. */
export function parseNativeFile(
  content: string,
  filename: string,
): { file: ParsedFile; diagnostics: Diagnostic[] } {
  const source = content.startsWith('\uFEFF') ? content.slice(1) : content;
  const { tokens, diagnostics: lexDiagnostics } = Lexer.tokenize(source, filename);
  const ts = new TokenStream(tokens, filename);
  const start = tokens[0];
  if (!start) throw new Error('the lexer always yields an end-of-file token');
  const whole = { filename, start: { line: 1, column: 1, byte: 0 }, end: start.range.end };
  try {
    const { body } = parseBody(ts, false, start);
    body.range = { ...whole, end: body.range.end };
    return { file: { filename, body }, diagnostics: [...lexDiagnostics, ...ts.diagnostics] };
  } catch (error) {
    if (!(error instanceof NestingTooDeep)) throw error;
    const body = { attributes: [], blocks: [], range: whole };
    return {
      file: { filename, body },
      diagnostics: [...lexDiagnostics, TokenStream.nestingDiagnostic(error)],
    };
  }
}

/** Parses a standalone expression, such as a `-var` value or a JSON-syntax string. */
export function parseNativeExpression(
  content: string,
  filename: string,
): { expr: Expression; diagnostics: Diagnostic[] } {
  const { tokens, diagnostics: lexDiagnostics } = Lexer.tokenize(content, filename);
  const ts = new TokenStream(tokens, filename);
  ts.pushNewlineMode(false);
  let expr: Expression;
  try {
    expr = parseExpression(ts);
  } catch (error) {
    if (!(error instanceof NestingTooDeep)) throw error;
    const at = error.at;
    return {
      expr: { kind: 'invalid', range: at },
      diagnostics: [...lexDiagnostics, TokenStream.nestingDiagnostic(error)],
    };
  }
  const rest = ts.peek();
  if (rest.type !== 'eof') {
    ts.error(
      'Extra characters after expression',
      'An expression was successfully parsed, but extra characters were found after it.',
      rest.range,
    );
  }
  return { expr, diagnostics: [...lexDiagnostics, ...ts.diagnostics] };
}

/** Reads a whole string as a template (`"a ${b}"` without the quotes), as HCL JSON syntax reads strings. */
export function parseNativeTemplate(
  text: string,
  filename: string,
  start: Pos = { line: 1, column: 1, byte: 0 },
): { expr: TemplateExpr; diagnostics: Diagnostic[] } {
  const { tokens, diagnostics: lexDiagnostics } = Lexer.tokenize(text, filename, { start, template: true });
  const ts = new TokenStream(tokens, filename);
  const first = tokens[0];
  if (!first) throw new Error('the lexer always yields an end-of-file token');
  const startToken = { ...first, range: { filename, start, end: start } };
  try {
    const expr = parseTemplateOnly(ts, startToken);
    return { expr, diagnostics: [...lexDiagnostics, ...ts.diagnostics] };
  } catch (error) {
    if (!(error instanceof NestingTooDeep)) throw error;
    const range = { filename, start, end: start };
    return {
      expr: { kind: 'template', parts: [], heredoc: false, range },
      diagnostics: [...lexDiagnostics, TokenStream.nestingDiagnostic(error)],
    };
  }
}
