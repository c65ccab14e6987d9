import { describe, expect, it } from 'vitest';
import { call, plain } from './test-support.ts';

describe('rfc3339_parse', () => {
  it('takes a UTC timestamp apart', () => {
    expect(plain('rfc3339_parse', '2023-07-25T23:43:16Z')).toEqual({
      year: 2023,
      year_day: 206,
      day: 25,
      month: 7,
      month_name: 'July',
      weekday: 2,
      weekday_name: 'Tuesday',
      hour: 23,
      minute: 43,
      second: 16,
      unix: 1690328596,
      iso_year: 2023,
      iso_week: 30,
    });
  });

  it('keeps the written offset for the fields and normalises the Unix time', () => {
    expect(plain('rfc3339_parse', '1996-12-19 16:39:57.25-08:00')).toMatchObject({
      year: 1996,
      year_day: 354,
      weekday_name: 'Thursday',
      hour: 16,
      unix: 851042397,
      iso_week: 51,
    });
    expect(plain('rfc3339_parse', '2023-07-25T23:43:16+24:00')).toMatchObject({ unix: 1690242196 });
  });

  it('counts ISO weeks across year ends and handles years before 100', () => {
    expect(plain('rfc3339_parse', '2021-01-01T00:00:00Z')).toMatchObject({ iso_year: 2020, iso_week: 53 });
    expect(plain('rfc3339_parse', '2024-12-30T10:00:00Z')).toMatchObject({ iso_year: 2025, iso_week: 1 });
    expect(plain('rfc3339_parse', '0050-03-01T12:00:00+05:30')).toMatchObject({
      year: 50,
      year_day: 60,
      weekday_name: 'Tuesday',
      unix: -60584175000,
    });
  });

  it('rejects what Go does not parse', () => {
    for (const bad of [
      'abcdef',
      '2021-02-29T00:00:00Z',
      '2023-07-25t23:43:16Z',
      '2023-07-25T23:43:16z',
      '2023-07-25T24:00:00Z',
      '2023-07-25T23:43:16.Z',
    ]) {
      expect(() => call('rfc3339_parse', bad)).toThrow(`"${bad}" is not a valid RFC3339 timestamp`);
    }
  });
});

describe('unix_timestamp_parse', () => {
  it('takes a Unix time apart in UTC', () => {
    expect(plain('unix_timestamp_parse', 1690328596)).toEqual({
      year: 2023,
      year_day: 206,
      day: 25,
      month: 7,
      month_name: 'July',
      weekday: 2,
      weekday_name: 'Tuesday',
      hour: 23,
      minute: 43,
      second: 16,
      rfc3339: '2023-07-25T23:43:16Z',
      iso_year: 2023,
      iso_week: 30,
    });
  });

  it('handles times before the epoch and far from it', () => {
    expect(plain('unix_timestamp_parse', -1)).toMatchObject({
      rfc3339: '1969-12-31T23:59:59Z',
      weekday_name: 'Wednesday',
      iso_year: 1970,
      iso_week: 1,
    });
    expect(plain('unix_timestamp_parse', -62135596800)).toMatchObject({ rfc3339: '0001-01-01T00:00:00Z' });
    expect(plain('unix_timestamp_parse', 253402300799)).toMatchObject({ year_day: 365, iso_week: 52 });
  });

  it('requires a whole number of seconds', () => {
    expect(() => call('unix_timestamp_parse', 1.5)).toThrow(
      'unix_timestamp must be a whole number of seconds',
    );
  });
});
