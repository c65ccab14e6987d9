import {
  boolVal,
  listVal,
  numberVal,
  objectVal,
  stringVal,
  tupleVal,
  unknownVal,
  STRING,
} from '@kiln/engine';
import { describe, expect, it } from 'vitest';
import { goQuote, printableValue } from './printable-value.ts';

describe('printableValue', () => {
  it('prints primitives as they are and collections in HCL syntax', () => {
    expect(printableValue(stringVal('a "b"'))).toBe('a "b"');
    expect(printableValue(numberVal(1.5))).toBe('1.5');
    expect(printableValue(boolVal(true))).toBe('true');
    expect(printableValue(unknownVal(STRING))).toBe('<unknown>');
    expect(printableValue(tupleVal([]))).toBe('[]');
    expect(
      printableValue(objectVal({ k: listVal([stringVal('x\n${y}')]), n: objectVal({ deep: numberVal(2) }) })),
    ).toBe('{\n  "k" = [\n    "x\\n$${y}",\n  ]\n  "n" = {\n    "deep" = 2\n  }\n}');
  });

  it('masks sensitive values, one <sensitive> per line of text', () => {
    expect(printableValue(stringVal('a\nb').mark('sensitive'))).toBe('<sensitive>\n<sensitive>');
    expect(printableValue(listVal([stringVal('s'), stringVal('t')]).mark('sensitive'))).toBe(
      '[\n  "<sensitive>",\n  "<sensitive>",\n]',
    );
  });
});

describe('goQuote', () => {
  it("quotes like Go's %q", () => {
    expect(goQuote('a "b"\n\\\t\u0001é')).toBe('"a \\"b\\"\\n\\\\\\t\\x01é"');
  });
});
