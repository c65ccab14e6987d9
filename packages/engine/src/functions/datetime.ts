import { STRING, type Value, ValueError, stringVal } from '../values/index.ts';
import { daysFromCivil, daysInMonth, MONTH_NAMES, WEEKDAY_NAMES, yearDayOf } from './calendar.ts';
import type { FunctionContext } from './context.ts';
import { arg, defineFunction, param } from './define.ts';
import { ArgumentError, type KilnFunction } from './function.ts';
import { parseGoDuration } from './go-duration.ts';

/** A point in time with the UTC offset it was written in (formatting keeps that offset, as Go does). */
export interface ZonedTime {
  /** Milliseconds since the epoch. */
  epochMs: number;
  /** Nanoseconds within the second (0..999999999). */
  nanos: number;
  /** Offset from UTC in minutes; undefined for `Z` (UTC). */
  offsetMinutes: number | undefined;
}

/** cty's strict RFC 3339: an upper-case `T` and `Z`, a zone offset of at most 23:59. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

export function parseRfc3339(text: string): ZonedTime {
  const m = RFC3339.exec(text);
  if (!m) throw new ValueError(`not a valid RFC3339 timestamp: "${text}"`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number.parseInt(x as string, 10)) as number[];
  const frac = m[7] ? m[7].slice(1) : '';
  const zone = m[8] as string;
  if (
    (mo as number) < 1 ||
    (mo as number) > 12 ||
    (d as number) < 1 ||
    (d as number) > daysInMonth(y as number, mo as number) ||
    (h as number) > 23 ||
    (mi as number) > 59 ||
    (s as number) > 59
  ) {
    throw new ValueError(`not a valid RFC3339 timestamp: "${text}": a date or time field is out of range`);
  }
  const offsetMinutes =
    zone === 'Z'
      ? undefined
      : (zone.startsWith('-') ? -1 : 1) *
        (Number.parseInt(zone.slice(1, 3), 10) * 60 + Number.parseInt(zone.slice(4, 6), 10));
  const days = daysFromCivil({ year: y as number, month: mo as number, day: d as number });
  const local = (days * 86_400 + (h as number) * 3600 + (mi as number) * 60 + (s as number)) * 1000;
  return {
    epochMs: local - (offsetMinutes ?? 0) * 60_000,
    nanos: Number.parseInt(frac.padEnd(9, '0').slice(0, 9) || '0', 10),
    offsetMinutes,
  };
}

/** Calendar fields of the time in its own offset. */
function fields(t: ZonedTime) {
  const d = new Date(t.epochMs + (t.offsetMinutes ?? 0) * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    yearDay: yearDayOf({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function offsetText(t: ZonedTime, colon: boolean, zForUtc: boolean): string {
  const off = t.offsetMinutes ?? 0;
  if (off === 0 && zForUtc) return 'Z';
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${sign}${pad(Math.floor(abs / 60))}${colon ? ':' : ''}${pad(abs % 60)}`;
}

/** Go's `time.RFC3339` layout: no fractional seconds, `Z` for UTC. */
export function formatRfc3339(t: ZonedTime): string {
  const f = fields(t);
  return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}${offsetText(t, true, true)}`;
}

const VERB_HINTS: Record<string, string> = {
  Y: 'year must either be "YY" or "YYYY"',
  M: 'month must be "M", "MM", "MMM", or "MMMM"',
  D: 'day of month must either be "D" or "DD"',
  E: 'day of week must either be "EEE" or "EEEE"',
  h: '24-hour must either be "h" or "hh"',
  H: '12-hour must either be "H" or "HH"',
  A: 'must be "AA"',
  a: 'must be "aa"',
  m: 'minute must either be "m" or "mm"',
  s: 'second must either be "s" or "ss"',
  Z: 'timezone must be Z, ZZZZ, or ZZZZZ',
};

/** cty's `formatdate` specification language. */
export function formatDate(spec: string, t: ZonedTime): string {
  const f = fields(t);
  let out = '';
  let i = 0;
  while (i < spec.length) {
    const c = spec[i] as string;
    if (c === "'") {
      if (spec[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      // A quoted literal; inside it, '' is one quote.
      let j = i + 1;
      for (;;) {
        if (j >= spec.length) throw new ValueError(`unterminated literal '`);
        if (spec[j] === "'") {
          if (spec[j + 1] !== "'") break;
          out += "'";
          j += 2;
          continue;
        }
        out += spec[j];
        j++;
      }
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let j = i;
    while (spec[j] === c) j++;
    const tok = spec.slice(i, j);
    i = j;
    const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
    switch (tok) {
      case 'YYYY':
        out += pad(f.year, 4);
        break;
      case 'YY':
        out += pad(f.year % 100);
        break;
      case 'MMMM':
        out += MONTH_NAMES[f.month - 1];
        break;
      case 'MMM':
        out += (MONTH_NAMES[f.month - 1] as string).slice(0, 3);
        break;
      case 'MM':
        out += pad(f.month);
        break;
      case 'M':
        out += f.month;
        break;
      case 'DD':
        out += pad(f.day);
        break;
      case 'D':
        out += f.day;
        break;
      case 'EEEE':
        out += WEEKDAY_NAMES[f.weekday];
        break;
      case 'EEE':
        out += (WEEKDAY_NAMES[f.weekday] as string).slice(0, 3);
        break;
      case 'hh':
        out += pad(f.hour);
        break;
      case 'h':
        out += f.hour;
        break;
      case 'HH':
        out += pad(hour12);
        break;
      case 'H':
        out += hour12;
        break;
      case 'AA':
        out += f.hour < 12 ? 'AM' : 'PM';
        break;
      case 'aa':
        out += f.hour < 12 ? 'am' : 'pm';
        break;
      case 'mm':
        out += pad(f.minute);
        break;
      case 'm':
        out += f.minute;
        break;
      case 'ss':
        out += pad(f.second);
        break;
      case 's':
        out += f.second;
        break;
      case 'ZZZZZ':
        out += offsetText(t, true, false);
        break;
      case 'ZZZZ':
        out += offsetText(t, false, false);
        break;
      case 'ZZZ':
        out += (t.offsetMinutes ?? 0) === 0 ? 'UTC' : offsetText(t, false, false);
        break;
      case 'Z':
        out += offsetText(t, true, true);
        break;
      default:
        throw new ValueError(`invalid date format verb "${tok}"${VERB_HINTS[c] ? `: ${VERB_HINTS[c]}` : ''}`);
    }
  }
  return out;
}

/** Go's time.ParseDuration, in milliseconds; `timeadd` reports any malformed duration as invalid. */
export function parseDuration(text: string): number {
  try {
    return parseGoDuration(text);
  } catch {
    throw new ValueError(`time: invalid duration "${text}"`);
  }
}

/** Go reference-time layouts (`2006-01-02T15:04:05Z07:00`) for `legacy_isotime`. */
export function formatGoLayout(layout: string, t: ZonedTime): string {
  const f = fields(t);
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  const tokens: [string, () => string][] = [
    ['January', () => MONTH_NAMES[f.month - 1] as string],
    ['Monday', () => WEEKDAY_NAMES[f.weekday] as string],
    ['Z07:00', () => offsetText(t, true, true)],
    ['-07:00', () => offsetText(t, true, false)],
    ['Z0700', () => offsetText(t, false, true)],
    ['-0700', () => offsetText(t, false, false)],
    ['2006', () => pad(f.year, 4)],
    ['.000000000', () => `.${pad(t.nanos, 9)}`],
    ['.000000', () => `.${pad(t.nanos, 9).slice(0, 6)}`],
    ['.000', () => `.${pad(t.nanos, 9).slice(0, 3)}`],
    ['Jan', () => (MONTH_NAMES[f.month - 1] as string).slice(0, 3)],
    ['Mon', () => (WEEKDAY_NAMES[f.weekday] as string).slice(0, 3)],
    ['MST', () => (t.offsetMinutes === undefined ? 'UTC' : offsetText(t, false, false))],
    ['002', () => pad(f.yearDay, 3)],
    ['01', () => pad(f.month)],
    ['02', () => pad(f.day)],
    ['_2', () => String(f.day).padStart(2, ' ')],
    ['06', () => pad(f.year % 100)],
    ['15', () => pad(f.hour)],
    ['03', () => pad(hour12)],
    ['04', () => pad(f.minute)],
    ['05', () => pad(f.second)],
    ['PM', () => (f.hour < 12 ? 'AM' : 'PM')],
    ['pm', () => (f.hour < 12 ? 'am' : 'pm')],
    ['1', () => String(f.month)],
    ['2', () => String(f.day)],
    ['3', () => String(hour12)],
    ['4', () => String(f.minute)],
    ['5', () => String(f.second)],
  ];
  let out = '';
  let i = 0;
  outer: while (i < layout.length) {
    for (const [tok, render] of tokens) {
      if (layout.startsWith(tok, i)) {
        out += render();
        i += tok.length;
        continue outer;
      }
    }
    out += layout[i];
    i++;
  }
  return out;
}

/** C strftime conversions for `legacy_strftime`. Unknown conversions are kept as written. */
export function formatStrftime(format: string, t: ZonedTime): string {
  const f = fields(t);
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  const conv: Record<string, () => string> = {
    a: () => (WEEKDAY_NAMES[f.weekday] as string).slice(0, 3),
    A: () => WEEKDAY_NAMES[f.weekday] as string,
    b: () => (MONTH_NAMES[f.month - 1] as string).slice(0, 3),
    B: () => MONTH_NAMES[f.month - 1] as string,
    c: () => formatGoLayout('Mon Jan  2 15:04:05 2006', t),
    d: () => pad(f.day),
    e: () => String(f.day).padStart(2, ' '),
    f: () => pad(t.nanos, 9).slice(0, 6),
    H: () => pad(f.hour),
    I: () => pad(hour12),
    j: () => pad(f.yearDay, 3),
    L: () => pad(t.nanos, 9).slice(0, 3),
    m: () => pad(f.month),
    M: () => pad(f.minute),
    p: () => (f.hour < 12 ? 'AM' : 'PM'),
    S: () => pad(f.second),
    y: () => pad(f.year % 100),
    Y: () => pad(f.year, 4),
    z: () => offsetText(t, false, false),
    Z: () => (t.offsetMinutes === undefined ? 'UTC' : offsetText(t, false, false)),
    '%': () => '%',
  };
  return format.replace(/%(.)/g, (all, c: string) => conv[c]?.() ?? all);
}

function fromDate(d: Date): ZonedTime {
  const ms = d.getTime();
  return { epochMs: ms, nanos: (((ms % 1000) + 1000) % 1000) * 1_000_000, offsetMinutes: undefined };
}

export function datetimeFunctions(ctx: FunctionContext): KilnFunction[] {
  const start = fromDate(ctx.startTime ?? ctx.now());
  const legacy = (name: string, description: string, render: (format: string) => string) =>
    defineFunction(name, {
      description,
      params: [],
      variadic: param('format', STRING),
      returns: STRING,
      impl: (args: readonly Value[]) => {
        if (args.length > 1) throw new ValueError(`too many values, 1 needed: ${args.length} given`);
        const format = args[0];
        return stringVal(format === undefined ? formatRfc3339(start) : render(format.asString()));
      },
    });
  return [
    defineFunction('timestamp', {
      description: 'The current date and time in RFC 3339 format (UTC).',
      params: [],
      returns: STRING,
      impl: () => stringVal(formatRfc3339(fromDate(ctx.now()))),
    }),
    defineFunction('formatdate', {
      description: 'Formats an RFC 3339 timestamp with a date specification such as "DD MMM YYYY hh:mm ZZZ".',
      params: [param('format', STRING), param('time', STRING)],
      returns: STRING,
      impl: (args) => {
        let t: ZonedTime;
        try {
          t = parseRfc3339(arg(args, 1).asString());
        } catch (error) {
          throw new ArgumentError(1, (error as Error).message);
        }
        try {
          return stringVal(formatDate(arg(args, 0).asString(), t));
        } catch (error) {
          throw new ArgumentError(0, (error as Error).message);
        }
      },
    }),
    defineFunction('timeadd', {
      description: 'Adds a duration such as "1h30m" to an RFC 3339 timestamp.',
      params: [param('timestamp', STRING), param('duration', STRING)],
      returns: STRING,
      impl: (args) => {
        let t: ZonedTime;
        try {
          t = parseRfc3339(arg(args, 0).asString());
        } catch (error) {
          throw new ArgumentError(0, (error as Error).message);
        }
        let ms: number;
        try {
          ms = parseDuration(arg(args, 1).asString());
        } catch (error) {
          throw new ArgumentError(1, (error as Error).message);
        }
        return stringVal(formatRfc3339({ ...t, epochMs: t.epochMs + Math.trunc(ms) }));
      },
    }),
    legacy('legacy_isotime', 'The build start time formatted with a Go reference layout.', (f) =>
      formatGoLayout(f, start),
    ),
    legacy('legacy_strftime', 'The build start time formatted with strftime conversions.', (f) =>
      formatStrftime(f, start),
    ),
  ];
}
