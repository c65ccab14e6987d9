import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './go-duration.ts';

describe('parseGoDuration', () => {
  it('reads what time.ParseDuration reads', () => {
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('1h2m3s')).toBe(3_723_000);
    expect(parseGoDuration('1.5s')).toBe(1500);
    expect(parseGoDuration('.5m')).toBe(30_000);
    expect(parseGoDuration('300ms')).toBe(300);
    expect(parseGoDuration('1500us')).toBe(1.5);
    expect(parseGoDuration('2µs')).toBe(0.002);
    expect(parseGoDuration('-1m')).toBe(-60_000);
    expect(parseGoDuration('+10s')).toBe(10_000);
  });

  it("refuses what it refuses, with Go's messages", () => {
    expect(() => parseGoDuration('')).toThrow('time: invalid duration ""');
    expect(() => parseGoDuration('5')).toThrow('time: missing unit in duration "5"');
    expect(() => parseGoDuration('1d')).toThrow('time: unknown unit "d" in duration "1d"');
    expect(() => parseGoDuration('s')).toThrow('time: invalid duration "s"');
    expect(() => parseGoDuration('.s')).toThrow('time: invalid duration ".s"');
  });
});
