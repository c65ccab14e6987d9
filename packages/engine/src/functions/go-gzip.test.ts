import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { base64Encode } from './define.ts';
import { goGzip } from './go-gzip.ts';

const encode = (text: string) => base64Encode(goGzip(new TextEncoder().encode(text)));

describe('goGzip', () => {
  it('writes the bytes Go writes after Flush and Close', () => {
    expect(encode('hello')).toBe('H4sIAAAAAAAA/8pIzcnJBwAAAP//AQAA//+GphA2BQAAAA==');
    expect(encode('')).toBe('H4sIAAAAAAAA/wAAAP//AQAA//8AAAAAAAAAAA==');
    expect(encode('é✓')).toBe('H4sIAAAAAAAA/zq88tGcyQAAAAD//wEAAP//vzBgRgUAAAA=');
  });

  it('stays readable by any gzip reader', () => {
    const text = 'kiln '.repeat(1000);
    expect(gunzipSync(goGzip(new TextEncoder().encode(text))).toString('utf8')).toBe(text);
  });
});
