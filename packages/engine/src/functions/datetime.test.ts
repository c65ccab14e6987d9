import { describe, expect, it } from 'vitest';
import { call, plain } from './test-support.ts';

describe('formatdate', () => {
  it('formats the documented examples', () => {
    expect(plain('formatdate', 'DD MMM YYYY hh:mm ZZZ', '2018-01-02T23:12:01Z')).toBe(
      '02 Jan 2018 23:12 UTC',
    );
    expect(plain('formatdate', 'EEEE, DD-MMM-YY hh:mm:ss ZZZ', '2018-01-02T23:12:01Z')).toBe(
      'Tuesday, 02-Jan-18 23:12:01 UTC',
    );
    expect(plain('formatdate', 'EEE, DD MMM YYYY hh:mm:ss ZZZ', '2018-01-02T23:12:01-08:00')).toBe(
      'Tue, 02 Jan 2018 23:12:01 -0800',
    );
    expect(plain('formatdate', 'MMM DD, YYYY', '2018-01-02T23:12:01Z')).toBe('Jan 02, 2018');
    expect(plain('formatdate', 'HH:mmaa', '2018-01-02T23:12:01Z')).toBe('11:12pm');
    expect(plain('formatdate', "h'h'mm", '2018-01-02T23:12:01-08:00')).toBe('23h12');
    expect(plain('formatdate', "YYYY-MM-DD'T'hh:mm:ssZ", '2018-01-02T23:12:01+05:30')).toBe(
      '2018-01-02T23:12:01+05:30',
    );
    expect(plain('formatdate', "D M 'it''s' ZZZZ ZZZZZ", '2018-01-02T03:04:05Z')).toBe(
      "2 1 it's +0000 +00:00",
    );
  });

  it('rejects bad timestamps and verbs', () => {
    expect(() => call('formatdate', 'YYYY', '2018-01-02')).toThrow(
      'Invalid value for "time" parameter: not a valid RFC3339 timestamp',
    );
    expect(() => call('formatdate', 'YYYYY', '2018-01-02T00:00:00Z')).toThrow(
      'invalid date format verb "YYYYY"',
    );
  });
});

describe('timestamp and timeadd', () => {
  it('uses the context clock', () => {
    expect(plain('timestamp')).toBe('2024-05-06T07:08:09Z');
  });

  it('adds Go durations, keeping the offset', () => {
    expect(plain('timeadd', '2017-11-22T00:00:00Z', '10m')).toBe('2017-11-22T00:10:00Z');
    expect(plain('timeadd', '2017-11-22T00:00:00Z', '-1h30m')).toBe('2017-11-21T22:30:00Z');
    expect(plain('timeadd', '2017-11-22T23:00:00+01:00', '1.5h')).toBe('2017-11-23T00:30:00+01:00');
    expect(() => call('timeadd', '2017-11-22T00:00:00Z', '10 minutes')).toThrow('time: invalid duration');
  });
});

describe('legacy time functions', () => {
  it('formats the start time with Go layouts and strftime', () => {
    expect(plain('legacy_isotime')).toBe('2024-01-02T03:04:05Z');
    expect(plain('legacy_isotime', '2006-01-02')).toBe('2024-01-02');
    expect(plain('legacy_isotime', 'Jan _2 15:04:05 MST')).toBe('Jan  2 03:04:05 UTC');
    expect(plain('legacy_strftime', '%Y%m%d-%H%M%S')).toBe('20240102-030405');
    expect(plain('legacy_strftime', '%b %e %%')).toBe('Jan  2 %');
  });
});

describe('dates before year 100', () => {
  it('keeps two-digit years as written instead of mapping them to 19xx', () => {
    expect(plain('formatdate', 'YYYY-MM-DD EEE', '0050-03-01T00:00:00Z')).toBe('0050-03-01 Tue');
    expect(plain('formatdate', 'YYYY-MM-DD', '0000-02-29T00:00:00Z')).toBe('0000-02-29');
    expect(plain('timeadd', '0099-12-31T23:00:00Z', '2h')).toBe('0100-01-01T01:00:00Z');
  });

  it('reads timestamps as strictly as cty: upper-case T and Z, offsets below 24 hours', () => {
    expect(() => call('formatdate', 'YYYY', '2018-01-02t23:12:01Z')).toThrow('not a valid RFC3339 timestamp');
    expect(() => call('formatdate', 'YYYY', '2018-01-02T23:12:01z')).toThrow('not a valid RFC3339 timestamp');
    expect(() => call('formatdate', 'YYYY', '2018-01-02T23:12:01+25:00')).toThrow(
      'not a valid RFC3339 timestamp',
    );
    expect(call('formatdate', 'YYYY ZZZZZ', '2018-01-02T23:12:01+23:59').asString()).toBe('2018 +23:59');
  });
});
