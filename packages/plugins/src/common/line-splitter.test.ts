import { describe, expect, it } from 'vitest';
import { lineSplitter } from './line-splitter.ts';

describe('lineSplitter', () => {
  it('joins lines split across chunks, drops LF and CRLF, and flushes the last partial line', () => {
    const lines: string[] = [];
    const split = lineSplitter((line) => lines.push(line));
    split.push('one\r\ntw');
    split.push('o\n\nthr');
    expect(lines).toEqual(['one', 'two', '']);
    split.flush();
    split.flush();
    expect(lines).toEqual(['one', 'two', '', 'thr']);
  });
});
