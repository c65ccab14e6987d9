import { describe, expect, it } from 'vitest';
import { goMap, marshalIndentGo } from './go-json.ts';

describe('marshalIndentGo', () => {
  it('indents like json.MarshalIndent and keeps struct field order', () => {
    expect(
      marshalIndentGo({
        fields: [
          ['b', [1, { fields: [['x', null]] }]],
          ['a', []],
          ['c', { fields: [] }],
        ],
      }),
    ).toBe('{\n  "b": [\n    1,\n    {\n      "x": null\n    }\n  ],\n  "a": [],\n  "c": {}\n}');
  });

  it("escapes strings as Go's HTML-safe encoder does", () => {
    expect(marshalIndentGo('<a href="x">&\u2028\u2029\b\f\n\r\t\u0001\\é😀')).toBe(
      '"\\u003ca href=\\"x\\"\\u003e\\u0026\\u2028\\u2029\\b\\f\\n\\r\\t\\u0001\\\\é😀"',
    );
  });

  it('sorts map keys by their bytes, numbers included', () => {
    expect(marshalIndentGo(goMap({ b: '1', '10': '2', '2': '3', é: '4', Z: '5' }))).toBe(
      '{\n  "10": "2",\n  "2": "3",\n  "Z": "5",\n  "b": "1",\n  "é": "4"\n}',
    );
  });
});
