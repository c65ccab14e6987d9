import { NUMBER, STRING, type Value, numberVal, objectOf, objectVal, stringVal } from '../values/index.ts';
import {
  MONTH_NAMES,
  WEEKDAY_NAMES,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  isoWeekOf,
  weekdayOf,
  yearDayOf,
} from './calendar.ts';
import { arg, defineFunction, param } from './define.ts';
import { ArgumentError, type KilnFunction } from './function.ts';

/** Packer's `rfc3339_parse` and `unix_timestamp_parse`: a timestamp taken apart into calendar fields. */

const CALENDAR_FIELDS = {
  year: NUMBER,
  year_day: NUMBER,
  day: NUMBER,
  month: NUMBER,
  month_name: STRING,
  weekday: NUMBER,
  weekday_name: STRING,
  hour: NUMBER,
  minute: NUMBER,
  second: NUMBER,
  iso_year: NUMBER,
  iso_week: NUMBER,
};

/**
 * RFC 3339 as Go's `time.Parse` reads it with the `RFC3339Nano` layout, or with a space in place
 * of the `T`: four-digit year, optional fractional seconds, `Z` or a `±hh:mm` offset.
 */
const RFC3339_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

const SECONDS_PER_DAY = 86_400;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Calendar fields of a wall-clock time: whole days since the epoch plus seconds into the day. */
function calendarFields(days: number, secondOfDay: number): Record<string, Value> {
  const date = civilFromDays(days);
  const weekday = weekdayOf(days);
  const { isoYear, isoWeek } = isoWeekOf(days);
  return {
    year: numberVal(date.year),
    year_day: numberVal(yearDayOf(date)),
    day: numberVal(date.day),
    month: numberVal(date.month),
    month_name: stringVal(MONTH_NAMES[date.month - 1] as string),
    weekday: numberVal(weekday),
    weekday_name: stringVal(WEEKDAY_NAMES[weekday] as string),
    hour: numberVal(Math.floor(secondOfDay / 3600)),
    minute: numberVal(Math.floor(secondOfDay / 60) % 60),
    second: numberVal(secondOfDay % 60),
    iso_year: numberVal(isoYear),
    iso_week: numberVal(isoWeek),
  };
}

const pad = (n: number, width = 2) => {
  const digits = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${digits}` : digits;
};

function parseRfc3339Fields(text: string): Record<string, Value> {
  const invalid = () => new ArgumentError(0, `"${text}" is not a valid RFC3339 timestamp`);
  const m = RFC3339_TIMESTAMP.exec(text);
  if (!m) throw invalid();
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw invalid();
  if (hour > 23 || minute > 59 || second > 59) throw invalid();
  let offsetSeconds = 0;
  if (m[7] !== undefined) {
    const offsetHours = Number(m[8]);
    const offsetMinutes = Number(m[9]);
    if (offsetHours > 24 || offsetMinutes > 60) throw invalid();
    offsetSeconds = (m[7] === '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  const days = daysFromCivil({ year, month, day });
  const secondOfDay = hour * 3600 + minute * 60 + second;
  return {
    ...calendarFields(days, secondOfDay),
    unix: numberVal(days * SECONDS_PER_DAY + secondOfDay - offsetSeconds),
  };
}

function unixTimestampFields(value: Value): Record<string, Value> {
  const n = value.asNumber();
  const seconds = n.isInteger() ? n.toBigInt() : undefined;
  if (seconds === undefined || seconds < INT64_MIN || seconds > INT64_MAX) {
    throw new ArgumentError(
      0,
      `unix_timestamp must be a whole number of seconds representable as a 64-bit integer, not ${n.toString()}`,
    );
  }
  const perDay = BigInt(SECONDS_PER_DAY);
  let days = seconds / perDay;
  let secondOfDay = seconds % perDay;
  if (secondOfDay < 0n) {
    days -= 1n;
    secondOfDay += perDay;
  }
  const fields = calendarFields(Number(days), Number(secondOfDay));
  const date = civilFromDays(Number(days));
  const s = Number(secondOfDay);
  const rfc3339 = `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}T${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}Z`;
  return { ...fields, rfc3339: stringVal(rfc3339) };
}

export function timeParseFunctions(): KilnFunction[] {
  return [
    defineFunction('rfc3339_parse', {
      description:
        'Takes an RFC 3339 timestamp apart: calendar fields in its own offset, plus the Unix time in seconds.',
      params: [param('timestamp', STRING)],
      returns: objectOf({ ...CALENDAR_FIELDS, unix: NUMBER }),
      impl: (args) => objectVal(parseRfc3339Fields(arg(args, 0).asString())),
    }),
    defineFunction('unix_timestamp_parse', {
      description: 'Takes a Unix time in seconds apart into UTC calendar fields and its RFC 3339 form.',
      params: [param('unix_timestamp', NUMBER)],
      returns: objectOf({ ...CALENDAR_FIELDS, rfc3339: STRING }),
      impl: (args) => objectVal(unixTimestampFields(arg(args, 0))),
    }),
  ];
}
