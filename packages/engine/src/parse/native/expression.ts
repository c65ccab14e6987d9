import type { SourceRange } from '../../errors/diagnostic.ts';
import type { BinaryOperator } from '../../values/operators.ts';
import type { Expression, ForExpr, ObjectItem } from '../ast.ts';
import { rangeBetween } from '../range.ts';
import { parseHeredoc, parseQuotedTemplate } from './template.ts';
import type { TokenStream } from './token-stream.ts';

/** Binary operators by precedence, lowest first (hclsyntax spec "Operations"). */
const PRECEDENCE: BinaryOperator[][] = [
  ['||'],
  ['&&'],
  ['==', '!='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

export function parseExpression(ts: TokenStream): Expression {
  return ts.nested(() => parseConditional(ts));
}

function parseConditional(ts: TokenStream): Expression {
  const condition = parseBinary(ts, 0);
  if (!ts.isPunct('?')) return condition;
  ts.next();
  const trueResult = parseExpression(ts);
  if (!ts.isPunct(':')) {
    const token = ts.peek();
    ts.error(
      'Missing false expression in conditional',
      'The conditional operator (...?...:...) requires a false expression, delimited by a colon.',
      token.range,
    );
    return {
      kind: 'conditional',
      condition,
      trueResult,
      falseResult: invalidAt(token.range),
      range: condition.range,
    };
  }
  ts.next();
  const falseResult = parseExpression(ts);
  return {
    kind: 'conditional',
    condition,
    trueResult,
    falseResult,
    range: rangeBetween(condition.range, falseResult.range),
  };
}

function invalidAt(range: SourceRange): Expression {
  return { kind: 'invalid', range };
}

function parseBinary(ts: TokenStream, level: number): Expression {
  const operators = PRECEDENCE[level];
  if (!operators) return parseUnary(ts);
  let left = parseBinary(ts, level + 1);
  for (;;) {
    const token = ts.peek();
    if (token.type !== 'punct' || !(operators as string[]).includes(token.text)) return left;
    ts.next();
    const right = parseBinary(ts, level + 1);
    left = {
      kind: 'binary',
      operator: token.text as BinaryOperator,
      left,
      right,
      range: rangeBetween(left.range, right.range),
    };
  }
}

function parseUnary(ts: TokenStream): Expression {
  const token = ts.peek();
  if (token.type === 'punct' && (token.text === '-' || token.text === '!')) {
    ts.next();
    const operand = parseUnary(ts);
    return { kind: 'unary', operator: token.text, operand, range: rangeBetween(token.range, operand.range) };
  }
  return parsePostfix(ts, parseTerm(ts));
}

/** `.name`, `.0`, `[key]`, and the splats `.*` / `[*]` after a term. */
function parsePostfix(ts: TokenStream, term: Expression): Expression {
  let expr = term;
  for (;;) {
    if (ts.isPunct('.') && ts.isPunct('*', 1)) {
      ts.next();
      const star = ts.next();
      expr = parseSplat(ts, expr, false, star.range);
    } else if (ts.isPunct('[') && ts.isPunct('*', 1) && ts.isPunct(']', 2)) {
      ts.next();
      ts.next();
      const close = ts.next();
      expr = parseSplat(ts, expr, true, close.range);
    } else {
      const step = parseTraversalStep(ts, expr, true);
      if (!step) return expr;
      expr = step;
    }
  }
}

/** One attribute or index step on `on`, or undefined when the next token starts none. */
function parseTraversalStep(ts: TokenStream, on: Expression, allowIndex: boolean): Expression | undefined {
  if (ts.isPunct('.')) {
    ts.next();
    const name = ts.peek();
    if (name.type === 'ident') {
      ts.next();
      return {
        kind: 'get-attr',
        object: on,
        name: name.text,
        nameRange: name.range,
        range: rangeBetween(on.range, name.range),
      };
    }
    if (name.type === 'number' && /^[0-9]+(\.[0-9]+)?$/.test(name.text)) {
      ts.next();
      let expr = on;
      for (const digits of name.text.split('.')) {
        expr = {
          kind: 'index',
          collection: expr,
          key: { kind: 'number', text: digits, range: name.range },
          legacy: true,
          range: rangeBetween(on.range, name.range),
        };
      }
      return expr;
    }
    ts.error('Invalid attribute name', 'An attribute name is required after a dot.', name.range);
    return invalidAt(name.range);
  }
  if (allowIndex && ts.isPunct('[')) {
    ts.next();
    ts.pushNewlineMode(false);
    const key = parseExpression(ts);
    const close = ts.peek();
    const closed = close.type === 'punct' && close.text === ']';
    if (closed) ts.next();
    ts.popNewlineMode();
    if (!closed) {
      ts.error(
        'Missing close bracket on index',
        'The index operator must end with a closing bracket ("]").',
        close.range,
      );
      ts.recoverToClose(']');
    }
    return { kind: 'index', collection: on, key, legacy: false, range: rangeBetween(on.range, close.range) };
  }
  return undefined;
}

/**
 * A splat as HCL parses it: a full splat (`[*]`) takes every traversal after it, nested splats
 * included; an attribute-only splat (`.*`) takes `.name` and `.0` steps only, and a splat inside
 * it is an error.
 */
function parseSplat(ts: TokenStream, source: Expression, full: boolean, marker: SourceRange): Expression {
  const item: Expression = { kind: 'splat-item', range: marker };
  let each: Expression = item;
  if (full) each = parsePostfix(ts, item);
  else {
    for (;;) {
      if (ts.isPunct('.') && ts.isPunct('*', 1)) {
        ts.error(
          'Nested splat expression not allowed',
          'A splat expression (*) cannot be used inside another attribute-only splat expression.',
          ts.peek(1).range,
        );
        ts.next();
        ts.next();
        continue;
      }
      const step = parseTraversalStep(ts, each, false);
      if (!step) break;
      each = step;
    }
  }
  return { kind: 'splat', source, each, full, range: rangeBetween(source.range, each.range) };
}

function parseTerm(ts: TokenStream): Expression {
  const token = ts.peek();
  switch (token.type) {
    case 'number':
      ts.next();
      return { kind: 'number', text: token.text, range: token.range };
    case 'ident':
      return parseIdentTerm(ts);
    case 'open-quote':
      return parseQuotedTemplate(ts);
    case 'open-heredoc':
      return parseHeredoc(ts);
    case 'punct':
      if (token.text === '(') return parseParens(ts);
      if (token.text === '[') return parseTupleOrFor(ts);
      if (token.text === '{') return parseObjectOrFor(ts);
      break;
    default:
      break;
  }
  ts.error(
    'Invalid expression',
    token.type === 'eof' || token.type === 'newline'
      ? 'Expected the start of an expression, but found the end of the line.'
      : `Expected the start of an expression, but found ${JSON.stringify(token.text)}.`,
    token.range,
  );
  if (
    token.type !== 'newline' &&
    token.type !== 'eof' &&
    !(token.type === 'punct' && ['}', ']', ')'].includes(token.text))
  ) {
    ts.next();
  }
  return invalidAt(token.range);
}

function parseIdentTerm(ts: TokenStream): Expression {
  const token = ts.next();
  if (token.text === 'true' || token.text === 'false')
    return { kind: 'literal', value: token.text === 'true', range: token.range };
  if (token.text === 'null') return { kind: 'literal', value: null, range: token.range };
  if (ts.isPunct('(')) return parseCall(ts, token.text, token.range);
  return { kind: 'variable', name: token.text, range: token.range };
}

function parseCall(ts: TokenStream, name: string, nameRange: SourceRange): Expression {
  ts.next();
  ts.pushNewlineMode(false);
  const args: Expression[] = [];
  let expandFinal = false;
  let close = ts.peek();
  while (!(close.type === 'punct' && close.text === ')')) {
    if (close.type === 'eof') break;
    args.push(parseExpression(ts));
    if (ts.isPunct('...')) {
      ts.next();
      expandFinal = true;
    }
    const sep = ts.peek();
    if (sep.type === 'punct' && sep.text === ',' && !expandFinal) {
      ts.next();
    } else if (!(sep.type === 'punct' && sep.text === ')')) {
      ts.error(
        'Missing argument separator',
        'A comma is required to separate each function argument from the next.',
        sep.range,
      );
      ts.recoverToClose(')');
      ts.popNewlineMode();
      return { kind: 'call', name, nameRange, args, expandFinal, range: rangeBetween(nameRange, sep.range) };
    }
    close = ts.peek();
  }
  if (close.type !== 'eof') ts.next();
  ts.popNewlineMode();
  if (close.type === 'eof') {
    ts.error(
      'Unterminated function call',
      `There is no closing parenthesis for this call to ${name}.`,
      nameRange,
    );
  }
  return { kind: 'call', name, nameRange, args, expandFinal, range: rangeBetween(nameRange, close.range) };
}

function parseParens(ts: TokenStream): Expression {
  const open = ts.next();
  ts.pushNewlineMode(false);
  const expr = parseExpression(ts);
  const close = ts.peek();
  const closed = close.type === 'punct' && close.text === ')';
  if (closed) ts.next();
  ts.popNewlineMode();
  if (!closed) {
    ts.error(
      'Unbalanced parentheses',
      'Expected a closing parenthesis to terminate the expression.',
      close.range,
      open.range,
    );
    ts.recoverToClose(')');
  }
  return { kind: 'parens', expr, range: rangeBetween(open.range, close.range) };
}

function startsFor(ts: TokenStream): boolean {
  return ts.isKeyword('for') && ts.peek(1).type === 'ident';
}

function parseTupleOrFor(ts: TokenStream): Expression {
  const open = ts.next();
  ts.pushNewlineMode(false);
  try {
    if (startsFor(ts)) return parseFor(ts, open.range, false);
    const items: Expression[] = [];
    for (;;) {
      const token = ts.peek();
      if (token.type === 'punct' && token.text === ']') {
        ts.next();
        return { kind: 'tuple', items, range: rangeBetween(open.range, token.range) };
      }
      if (token.type === 'eof') {
        ts.error('Unterminated tuple constructor', 'There is no closing bracket for this tuple.', open.range);
        return { kind: 'tuple', items, range: rangeBetween(open.range, token.range) };
      }
      items.push(parseExpression(ts));
      const sep = ts.peek();
      if (sep.type === 'punct' && sep.text === ',') {
        ts.next();
      } else if (!(sep.type === 'punct' && sep.text === ']')) {
        ts.error(
          'Missing item separator',
          'Expected a comma to mark the beginning of the next item.',
          sep.range,
          open.range,
        );
        const close = ts.recoverToClose(']');
        return { kind: 'tuple', items, range: rangeBetween(open.range, close?.range ?? sep.range) };
      }
    }
  } finally {
    ts.popNewlineMode();
  }
}

function parseObjectOrFor(ts: TokenStream): Expression {
  const open = ts.next();
  ts.pushNewlineMode(false);
  const isFor = startsFor(ts);
  ts.popNewlineMode();
  if (isFor) {
    ts.pushNewlineMode(false);
    try {
      return parseFor(ts, open.range, true);
    } finally {
      ts.popNewlineMode();
    }
  }
  ts.pushNewlineMode(true);
  try {
    const items: ObjectItem[] = [];
    for (;;) {
      let token = ts.peek();
      while (token.type === 'newline') {
        ts.next();
        token = ts.peek();
      }
      if (token.type === 'punct' && token.text === '}') {
        ts.next();
        return { kind: 'object', items, range: rangeBetween(open.range, token.range) };
      }
      if (token.type === 'eof') {
        ts.error('Unterminated object constructor', 'There is no closing brace for this object.', open.range);
        return { kind: 'object', items, range: rangeBetween(open.range, token.range) };
      }
      const key = parseObjectKey(ts);
      const eq = ts.peek();
      if (!(eq.type === 'punct' && (eq.text === '=' || eq.text === ':'))) {
        ts.error(
          'Missing key/value separator',
          'Expected an equals sign ("=") to mark the beginning of the attribute value.',
          eq.range,
          open.range,
        );
        const close = ts.recoverToClose('}');
        return { kind: 'object', items, range: rangeBetween(open.range, close?.range ?? eq.range) };
      }
      ts.next();
      ts.pushNewlineMode(true);
      const value = parseExpression(ts);
      ts.popNewlineMode();
      items.push({ key, value });
      const sep = ts.peek();
      if (sep.type === 'punct' && sep.text === ',') {
        ts.next();
      } else if (sep.type !== 'newline' && !(sep.type === 'punct' && sep.text === '}')) {
        ts.error(
          'Missing attribute separator',
          'Expected a newline or comma to mark the beginning of the next attribute.',
          sep.range,
          open.range,
        );
        const close = ts.recoverToClose('}');
        return { kind: 'object', items, range: rangeBetween(open.range, close?.range ?? sep.range) };
      }
    }
  } finally {
    ts.popNewlineMode();
  }
}

/** A bare identifier key (keywords such as `true` included) is a literal string; other keys are expressions. */
function parseObjectKey(ts: TokenStream): Expression {
  const token = ts.peek();
  if (token.type === 'ident' && (ts.isPunct('=', 1) || ts.isPunct(':', 1))) {
    ts.next();
    return { kind: 'literal', value: token.text, range: token.range };
  }
  return parseExpression(ts);
}

function expectIdent(ts: TokenStream, what: string): string | undefined {
  const token = ts.peek();
  if (token.type !== 'ident') {
    ts.error('Invalid for expression', `Expected ${what}.`, token.range);
    return undefined;
  }
  ts.next();
  return token.text;
}

function parseFor(ts: TokenStream, openRange: SourceRange, object: boolean): Expression {
  const close = object ? '}' : ']';
  const bail = (): Expression => {
    const end = ts.recoverToClose(close);
    return invalidAt(rangeBetween(openRange, end?.range ?? openRange));
  };
  ts.next();
  const first = expectIdent(ts, 'a variable name after "for"');
  if (first === undefined) return bail();
  let keyVar: string | undefined;
  let valueVar = first;
  if (ts.isPunct(',')) {
    ts.next();
    const second = expectIdent(ts, 'a value variable name after the comma');
    if (second === undefined) return bail();
    keyVar = first;
    valueVar = second;
  }
  if (!ts.isKeyword('in')) {
    ts.error(
      'Invalid for expression',
      'Expected the "in" keyword after the iterator variables.',
      ts.peek().range,
    );
    return bail();
  }
  ts.next();
  const collection = parseExpression(ts);
  if (!ts.isPunct(':')) {
    ts.error('Invalid for expression', 'Expected a colon after the collection expression.', ts.peek().range);
    return bail();
  }
  ts.next();
  let keyExpr: Expression | undefined;
  if (object) {
    keyExpr = parseExpression(ts);
    if (!ts.isPunct('=>')) {
      ts.error(
        'Invalid for expression',
        'Expected "=>" between the key and value of an object for expression.',
        ts.peek().range,
      );
      return bail();
    }
    ts.next();
  }
  const valueExpr = parseExpression(ts);
  let grouping = false;
  if (object && ts.isPunct('...')) {
    ts.next();
    grouping = true;
  }
  let condition: Expression | undefined;
  if (ts.isKeyword('if')) {
    ts.next();
    condition = parseExpression(ts);
  }
  const end = ts.peek();
  if (!(end.type === 'punct' && end.text === close)) {
    ts.error('Invalid for expression', `Expected "${close}" to close the for expression.`, end.range);
    return bail();
  }
  ts.next();
  const expr: ForExpr = {
    kind: 'for',
    valueVar,
    collection,
    valueExpr,
    grouping,
    range: rangeBetween(openRange, end.range),
    ...(keyVar === undefined ? {} : { keyVar }),
    ...(keyExpr ? { keyExpr } : {}),
    ...(condition ? { condition } : {}),
  };
  return expr;
}
