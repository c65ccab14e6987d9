import { describe, expect, it } from 'vitest';
import { formatDuration, formatTime } from './format.ts';

describe('formatTime', () => {
  it('shows UTC to the second and a dash for missing values', () => {
    expect(formatTime(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02 03:04:05 UTC');
    expect(formatTime('2026-01-02T03:04:05Z')).toBe('2026-01-02 03:04:05 UTC');
    expect(formatTime(null)).toBe('—');
    expect(formatTime('not a date')).toBe('—');
  });
});

describe('formatDuration', () => {
  it('formats seconds and minutes, and is undefined without an end', () => {
    expect(formatDuration('2026-01-01T00:00:00Z', '2026-01-01T00:00:07Z')).toBe('7s');
    expect(formatDuration('2026-01-01T00:00:00Z', '2026-01-01T00:01:05Z')).toBe('1m 05s');
    expect(formatDuration('2026-01-01T00:00:00Z', null)).toBeUndefined();
    expect(formatDuration('2026-01-01T00:00:10Z', '2026-01-01T00:00:00Z')).toBeUndefined();
  });
});
