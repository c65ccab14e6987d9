import type { Attribute, Block, BlockLabel, Body } from '../ast.ts';
import { rangeAtEnd, rangeBetween } from '../range.ts';
import { parseExpression } from './expression.ts';
import type { Token } from './token.ts';
import type { TokenStream } from './token-stream.ts';

function isPunct(token: Token, text: string): boolean {
  return token.type === 'punct' && token.text === text;
}

/** Parses body items until `}` (when `inBlock`) or the end of the file. */
export function parseBody(ts: TokenStream, inBlock: boolean, start: Token): { body: Body; close?: Token } {
  const attributes: Attribute[] = [];
  const blocks: Block[] = [];
  const seen = new Map<string, Attribute>();
  const make = (end: Token): Body => ({ attributes, blocks, range: rangeBetween(start.range, end.range) });
  for (;;) {
    const token = ts.peek();
    if (token.type === 'newline') {
      ts.next();
      continue;
    }
    if (token.type === 'eof') return { body: make(token) };
    if (isPunct(token, '}')) {
      if (inBlock) {
        ts.next();
        return { body: make(token), close: token };
      }
      ts.error(
        'Argument or block definition required',
        'An argument or block definition is required here.',
        token.range,
      );
      ts.next();
      continue;
    }
    if (token.type !== 'ident') {
      ts.error(
        'Argument or block definition required',
        'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
        token.range,
      );
      ts.recoverToNewline();
      continue;
    }
    const errorsBefore = ts.diagnostics.length;
    const item = parseItem(ts);
    if (!item) continue;
    // An item that already reported its own error is not blamed again for what follows it on the line.
    const itemFailed = ts.diagnostics.length > errorsBefore;
    if (item.kind === 'attribute') {
      const previous = seen.get(item.attribute.name);
      if (previous) {
        const at = previous.nameRange;
        ts.error(
          'Attribute redefined',
          `The argument "${item.attribute.name}" was already set at ${at.filename}:${at.start.line},${at.start.column}. Each argument may be set only once.`,
          item.attribute.nameRange,
        );
      } else {
        seen.set(item.attribute.name, item.attribute);
        attributes.push(item.attribute);
      }
    } else {
      blocks.push(item.block);
    }
    const after = ts.peek();
    if (after.type === 'newline') {
      ts.next();
    } else if (after.type !== 'eof') {
      if (itemFailed) {
        // Nothing more to say: skip the rest of the line.
      } else if (item.kind === 'attribute') {
        ts.error(
          'Missing newline after argument',
          'An argument definition must end with a newline.',
          after.range,
          item.attribute.range,
        );
      } else {
        ts.error(
          'Missing newline after block definition',
          'A block definition must end with a newline.',
          after.range,
          item.block.range,
        );
      }
      ts.recoverToNewline();
    }
  }
}

type Item = { kind: 'attribute'; attribute: Attribute } | { kind: 'block'; block: Block };

function parseItem(ts: TokenStream): Item | undefined {
  const name = ts.next();
  if (isPunct(ts.peek(), '=')) {
    ts.next();
    const expr = parseExpression(ts);
    return {
      kind: 'attribute',
      attribute: {
        name: name.text,
        nameRange: name.range,
        expr,
        range: rangeBetween(name.range, expr.range),
      },
    };
  }
  const labels: BlockLabel[] = [];
  for (;;) {
    const token = ts.peek();
    if (token.type === 'ident') {
      ts.next();
      labels.push({ value: token.text, range: token.range });
    } else if (token.type === 'open-quote') {
      const label = parseQuotedLabel(ts);
      if (!label) return undefined;
      labels.push(label);
    } else {
      break;
    }
  }
  const open = ts.peek();
  if (!isPunct(open, '{')) {
    ts.error(
      labels.length === 0 ? 'Argument or block definition required' : 'Invalid block definition',
      labels.length === 0
        ? 'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.'
        : 'Either a quoted string block label or an opening brace ("{") is expected here.',
      open.range,
    );
    ts.recoverToNewline();
    return undefined;
  }
  ts.next();
  const blockOf = (body: Body, close: Token | undefined): Block => ({
    type: name.text,
    typeRange: name.range,
    labels,
    body,
    openBraceRange: open.range,
    closeBraceRange: close?.range ?? rangeAtEnd(body.range),
    range: rangeBetween(name.range, close?.range ?? body.range),
  });
  if (ts.peek().type === 'newline') {
    const { body, close } = ts.nested(() => parseBody(ts, true, open));
    if (!close) {
      ts.error(
        'Unclosed configuration block',
        'There is no closing brace for this block before the end of the file.',
        open.range,
      );
    }
    return { kind: 'block', block: blockOf(body, close) };
  }
  return { kind: 'block', block: parseSingleLineBlock(ts, open, blockOf) };
}

function parseQuotedLabel(ts: TokenStream): BlockLabel | undefined {
  const open = ts.next();
  let value = '';
  for (;;) {
    const token = ts.peekRaw();
    if (token.type === 'close-quote') {
      ts.next();
      return { value, range: rangeBetween(open.range, token.range) };
    }
    if (token.type === 'template-literal' && !token.text.includes('\\')) {
      ts.next();
      value += token.text;
      continue;
    }
    ts.error(
      'Invalid block label',
      token.type === 'template-literal'
        ? 'Escape sequences are not allowed in block labels.'
        : 'Block labels are quoted strings without template sequences, or identifiers.',
      token.range,
    );
    ts.recoverToNewline();
    return undefined;
  }
}

/** `a { b = 1 }`: at most one argument, no nested blocks, closed on the same line. */
function parseSingleLineBlock(
  ts: TokenStream,
  open: Token,
  blockOf: (body: Body, close: Token | undefined) => Block,
): Block {
  const attributes: Attribute[] = [];
  const first = ts.peek();
  const recover = (): Block => {
    const close = ts.recoverToClose('}');
    return blockOf(
      { attributes, blocks: [], range: rangeBetween(open.range, close?.range ?? open.range) },
      close,
    );
  };
  if (first.type === 'eof') {
    ts.error(
      'Unclosed configuration block',
      'There is no closing brace for this block before the end of the file.',
      open.range,
    );
    return blockOf({ attributes, blocks: [], range: open.range }, undefined);
  }
  if (first.type === 'ident') {
    const item = parseItem(ts);
    if (item?.kind === 'block') {
      ts.error(
        'Invalid single-line block definition',
        'A single-line block definition cannot contain another block definition.',
        rangeBetween(item.block.typeRange, item.block.openBraceRange),
      );
      return recover();
    }
    if (item) attributes.push(item.attribute);
  } else if (!isPunct(first, '}')) {
    ts.error(
      'Argument or block definition required',
      'An argument definition is required here.',
      first.range,
    );
    return recover();
  }
  const close = ts.peek();
  if (isPunct(close, '}')) {
    ts.next();
    return blockOf({ attributes, blocks: [], range: rangeBetween(open.range, close.range) }, close);
  }
  if (close.type === 'newline') {
    ts.error(
      'Invalid single-line block definition',
      'The closing brace for a single-line block definition must be on the same line.',
      close.range,
    );
  } else if (isPunct(close, ',')) {
    ts.error(
      'Invalid single-line block definition',
      'Only one argument is allowed in a single-line block definition.',
      close.range,
    );
  } else {
    ts.error(
      'Invalid single-line block definition',
      'A single-line block definition must end with a closing brace immediately after its argument.',
      close.range,
    );
  }
  return recover();
}
