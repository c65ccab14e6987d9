import {
  boolVal,
  DYNAMIC,
  listVal,
  NUMBER,
  nullVal,
  numberVal,
  objectVal,
  STRING,
  stringVal,
  tupleVal,
  unknownVal,
} from '@kiln/engine';
import { describe, expect, it } from 'vitest';
import { goFormatFloat, goQuote, printableValue } from './printable-value.ts';

describe('printableValue', () => {
  it('prints primitives as they are and collections in HCL syntax', () => {
    expect(printableValue(stringVal('a "b"'))).toBe('a "b"');
    expect(printableValue(numberVal(1.5))).toBe('1.5');
    expect(printableValue(boolVal(true))).toBe('true');
    expect(printableValue(nullVal(STRING))).toBe('null');
    expect(printableValue(tupleVal([]))).toBe('[]');
    expect(printableValue(objectVal({}))).toBe('{}');
    expect(
      printableValue(objectVal({ k: listVal([stringVal('x\n${y}')]), n: objectVal({ deep: numberVal(2) }) })),
    ).toBe('{\n  "k" = [\n    "x\\n${y}",\n  ]\n  "n" = {\n    "deep" = 2\n  }\n}');
  });

  it('shows <unknown> for a value with any unknown part', () => {
    expect(printableValue(unknownVal(STRING))).toBe('<unknown>');
    expect(printableValue(tupleVal([stringVal('a'), unknownVal(DYNAMIC)]))).toBe('<unknown>');
  });

  it('leaves null attributes out of objects but keeps null list elements', () => {
    expect(printableValue(objectVal({ a: nullVal(STRING), b: stringVal('x') }))).toBe('{\n  "b" = "x"\n}');
    expect(printableValue(tupleVal([nullVal(NUMBER)]))).toBe('[\n  null,\n]');
  });

  it('sorts keys by their bytes and Go-quotes them', () => {
    expect(printableValue(objectVal({ b: numberVal(1), B: numberVal(2), 'a b': numberVal(3) }))).toBe(
      '{\n  "B" = 2\n  "a b" = 3\n  "b" = 1\n}',
    );
  });

  it('prints integers in the int64 range as integers and other numbers as Go float64', () => {
    expect(printableValue(numberVal('9223372036854775807'))).toBe('9223372036854775807');
    expect(printableValue(numberVal('9223372036854775808'))).toBe('9.223372036854776e+18');
    expect(printableValue(numberVal('1e21'))).toBe('1e+21');
    expect(printableValue(numberVal('-0.25'))).toBe('-0.25');
  });

  it('masks sensitive values, one <sensitive> per line of text', () => {
    expect(printableValue(stringVal('a\nb').mark('sensitive'))).toBe('<sensitive>\n<sensitive>');
    expect(printableValue(listVal([stringVal('s'), stringVal('t')]).mark('sensitive'))).toBe(
      '[\n  "<sensitive>",\n  "<sensitive>",\n]',
    );
  });
});

describe('goFormatFloat', () => {
  it("formats like Go's %g with the shortest digits", () => {
    expect(goFormatFloat(1.5)).toBe('1.5');
    expect(goFormatFloat(123456.5)).toBe('123456.5');
    expect(goFormatFloat(1234567.5)).toBe('1.2345675e+06');
    expect(goFormatFloat(0.0001)).toBe('0.0001');
    expect(goFormatFloat(0.00001)).toBe('1e-05');
    expect(goFormatFloat(-2.5e-7)).toBe('-2.5e-07');
    expect(goFormatFloat(1e100)).toBe('1e+100');
    expect(goFormatFloat(5e-324)).toBe('5e-324');
    expect(goFormatFloat(Number.POSITIVE_INFINITY)).toBe('+Inf');
    expect(goFormatFloat(Number.NEGATIVE_INFINITY)).toBe('-Inf');
  });
});

describe('goQuote', () => {
  it("quotes like Go's %q", () => {
    expect(goQuote('a "b"\n\\\t\u0001é')).toBe('"a \\"b\\"\\n\\\\\\t\\x01é"');
    expect(goQuote('\u0007\b\f\v\u007f')).toBe('"\\a\\b\\f\\v\\x7f"');
    expect(goQuote('\u00a0\u200b\ufeff😀')).toBe('"\\u00a0\\u200b\\ufeff😀"');
    expect(goQuote('\u{e0001}')).toBe('"\\U000e0001"');
  });
});
