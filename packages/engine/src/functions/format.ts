import {
  BOOL,
  NUMBER,
  STRING,
  type Value,
  ValueError,
  checkStringLength,
  convert,
  stringVal,
  toJson,
} from '../values/index.ts';
import { graphemes } from './define.ts';
import { type NumberFlags, floatText, formatFloat, formatInteger } from './number-format.ts';

interface Verb {
  raw: string;
  offset: number;
  argNum: number;
  mode: string;
  flags: NumberFlags;
}

/**
 * cty's `format` engine: `%%`, `%v` (`%#v` for JSON), `%t`, `%b %d %o %x %X` (integers),
 * `%e %E %f %g %G` (numbers), `%s %q` (strings); flags ` +-0#`, width, precision, and
 * `[n]` to pick an argument (later verbs continue from n+1). Widths count grapheme clusters.
 * Arguments must be wholly known.
 */
export function formatString(format: string, args: readonly Value[]): string {
  let out = '';
  let next = 1;
  let usedMax = 0;
  let i = 0;
  while (i < format.length) {
    const c = format[i] as string;
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    const start = i;
    i++;
    if (format[i] === '%') {
      out += '%';
      i++;
      continue;
    }
    const flags: NumberFlags = {
      plus: false,
      space: false,
      zero: false,
      minus: false,
      sharp: false,
      width: -1,
      precision: -1,
    };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === '+') flags.plus = true;
      else if (f === ' ') flags.space = true;
      else if (f === '0') flags.zero = true;
      else if (f === '-') flags.minus = true;
      else if (f === '#') flags.sharp = true;
      else break;
    }
    let argNum = next;
    const index = /^\[(\d+)\]/.exec(format.slice(i));
    if (index) {
      argNum = Number.parseInt(index[1] as string, 10);
      i += index[0].length;
    }
    const width = /^\d+/.exec(format.slice(i));
    if (width) {
      flags.width = Number.parseInt(width[0], 10);
      i += width[0].length;
    }
    if (format[i] === '.') {
      const prec = /^\.(\d+)/.exec(format.slice(i));
      if (!prec)
        throw new ValueError(
          `invalid format string starting at offset ${start}: a period must be followed by a precision`,
        );
      flags.precision = Number.parseInt(prec[1] as string, 10);
      i += prec[0].length;
    }
    const mode = format[i];
    if (mode === undefined) {
      throw new ValueError(`invalid format string starting at offset ${start}: unterminated format verb`);
    }
    i++;
    const verb: Verb = { raw: format.slice(start, i), offset: start, argNum, mode, flags };
    checkStringLength(Math.max(flags.width, flags.precision), `"${verb.raw}"`);
    out += formatOne(verb, args);
    checkStringLength(out.length);
    usedMax = Math.max(usedMax, argNum);
    next = argNum + 1;
  }
  if (usedMax < args.length) {
    throw new ValueError(
      usedMax === 0
        ? 'too many arguments; no verbs in format string'
        : `too many arguments; only ${usedMax} used by format string`,
    );
  }
  return out;
}

function formatOne(verb: Verb, args: readonly Value[]): string {
  const arg = args[verb.argNum - 1];
  if (arg === undefined) {
    throw new ValueError(
      `not enough arguments for "${verb.raw}" at ${verb.offset}: need index ${verb.argNum} but have ${args.length} total`,
    );
  }
  if (verb.mode !== 'v' && arg.isNull) {
    throw new ValueError(
      `unsupported value for "${verb.raw}" at ${verb.offset}: null value cannot be formatted`,
    );
  }
  const failed = (error: unknown): never => {
    if (error instanceof ValueError) {
      throw new ValueError(`unsupported value for "${verb.raw}" at ${verb.offset}: ${error.message}`);
    }
    throw error;
  };
  switch (verb.mode) {
    case 'v': {
      if (!verb.flags.sharp && !arg.isNull) {
        if (arg.type.kind === 'string') return padWidth(verb, arg.asString());
        if (arg.type.kind === 'number') return padWidth(verb, numberG(arg));
      }
      try {
        return padWidth(verb, toJson(arg));
      } catch (error) {
        return failed(error);
      }
    }
    case 't': {
      let b: Value;
      try {
        b = convert(arg, BOOL);
      } catch (error) {
        return failed(error);
      }
      return b.asBool() ? 'true' : 'false';
    }
    case 'b':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G': {
      let n: Value;
      try {
        n = convert(arg, NUMBER);
      } catch (error) {
        return failed(error);
      }
      const num = n.asNumber();
      if (
        verb.mode === 'e' ||
        verb.mode === 'E' ||
        verb.mode === 'f' ||
        verb.mode === 'g' ||
        verb.mode === 'G'
      ) {
        return formatFloat(num, verb.mode, verb.flags);
      }
      if (!num.isInteger()) {
        throw new ValueError(`unsupported value for "${verb.raw}" at ${verb.offset}: an integer is required`);
      }
      return formatInteger(num.toBigInt(), verb.mode, verb.flags);
    }
    case 's':
    case 'q': {
      let s: string;
      try {
        s = convert(arg, STRING).asString();
      } catch (error) {
        return failed(error);
      }
      if (verb.flags.precision > 0) s = graphemes(s).slice(0, verb.flags.precision).join('');
      return padWidth(verb, verb.mode === 'q' ? toJson(stringVal(s)) : s);
    }
    default:
      throw new ValueError(
        `unsupported format verb '${verb.mode}' in "${verb.raw}" at offset ${verb.offset}`,
      );
  }
}

/** A number as `%v` shows it: Go's shortest `%g` (`1e+06` from a million on). */
export function numberG(v: Value): string {
  const n = v.asNumber();
  const body = floatText(n, 'g', -1);
  return n.sign() < 0 ? `-${body}` : n.isInfinite() ? `+${body}` : body;
}

function padWidth(verb: Verb, text: string): string {
  if (verb.flags.width < 0) return text;
  const len = graphemes(text).length;
  if (len >= verb.flags.width) return text;
  const pad = (verb.flags.zero ? '0' : ' ').repeat(verb.flags.width - len);
  return verb.flags.minus ? text + pad : pad + text;
}
