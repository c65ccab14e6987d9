import {
  BOOL,
  DYNAMIC,
  NUMBER,
  STRING,
  type Value,
  ValueError,
  boolVal,
  listOf,
  listVal,
  stringVal,
  unknownVal,
  checkStringLength,
} from '../values/index.ts';
import { arg, defineFunction, graphemes, param } from './define.ts';
import { ArgumentError, type KilnFunction } from './function.ts';
import { formatString } from './format.ts';
import {
  allMatches,
  compilePattern,
  eachMatch,
  patternResult,
  patternResultType,
  replaceAllGo,
} from './regex.ts';

const str = (args: readonly Value[], i: number) => arg(args, i).asString();

function stringToString(name: string, description: string, f: (s: string) => string): KilnFunction {
  return defineFunction(name, {
    description,
    params: [param('str', STRING)],
    returns: STRING,
    impl: (args) => stringVal(f(str(args, 0))),
  });
}

const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';
const LEADING_SPACE = new RegExp(`^[${GO_SPACE}]+`);
const TRAILING_SPACE = new RegExp(`[${GO_SPACE}]+$`);

/**
 * Go's `unicode.ToUpper`/`ToLower` for one character: the simple (one-to-one) case mapping, so
 * "ß" and "ﬁ" stay as they are where JavaScript's full mapping gives "SS" and "FI".
 */
function simpleCase(ch: string, upper: boolean): string {
  if (!upper && ch === '\u0130') return 'i';
  const mapped = upper ? ch.toUpperCase() : ch.toLowerCase();
  return [...mapped].length === 1 ? mapped : ch;
}

/** Go's strings.ToUpper / ToLower: each character mapped on its own, without context. */
function mapCase(s: string, upper: boolean): string {
  let out = '';
  for (const ch of s) out += simpleCase(ch, upper);
  return out;
}

/** Go's strings.Title: upper-cases the first letter of each word. */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isSeparator(prev) ? simpleCase(ch, true) : ch;
    prev = ch;
  }
  return out;
}

/** Go's strings.ReplaceAll: an empty `old` matches before every character and at the end. */
function replaceLiteral(s: string, old: string, replacement: string): string {
  // Each occurrence (every gap between characters, for an empty substring) grows the string.
  const occurrences = old === '' ? [...s].length + 1 : s.split(old).length - 1;
  checkStringLength(s.length + occurrences * (replacement.length - old.length));
  if (old === '') return `${replacement}${[...s].map((ch) => `${ch}${replacement}`).join('')}`;
  return s.split(old).join(replacement);
}

function isSeparator(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  if (code <= 0x7f) return !/[A-Za-z0-9_]/.test(ch);
  if (/[\p{L}\p{N}]/u.test(ch)) return false;
  return /\s/u.test(ch);
}

function trimCutset(s: string, cutset: string, start: boolean, end: boolean): string {
  const cut = new Set(cutset);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (start && a < b && cut.has(chars[a] as string)) a++;
  while (end && b > a && cut.has(chars[b - 1] as string)) b--;
  return chars.slice(a, b).join('');
}

function wholeNumber(v: Value, index: number, what: string): number {
  const n = v.asNumber().toSafeInteger();
  if (n === undefined) throw new ArgumentError(index, `${what} must be a whole number`);
  return n;
}

export function stringFunctions(): KilnFunction[] {
  return [
    stringToString('upper', 'Converts all cased letters to uppercase.', (s) => mapCase(s, true)),
    stringToString('lower', 'Converts all cased letters to lowercase.', (s) => mapCase(s, false)),
    stringToString('title', 'Converts the first letter of each word to uppercase.', title),
    stringToString('trimspace', 'Removes leading and trailing whitespace.', (s) =>
      s.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, ''),
    ),
    stringToString('chomp', 'Removes newline characters at the end of a string.', (s) =>
      s.replace(/(?:\r\n?|\n)*$/, ''),
    ),
    stringToString('strrev', 'Reverses the characters (grapheme clusters) of a string.', (s) =>
      graphemes(s).reverse().join(''),
    ),
    defineFunction('trim', {
      description: 'Removes the given characters from the start and end of a string.',
      params: [param('str', STRING), param('cutset', STRING)],
      returns: STRING,
      impl: (args) => stringVal(trimCutset(str(args, 0), str(args, 1), true, true)),
    }),
    defineFunction('trimprefix', {
      description: 'Removes the given prefix from the start of a string, if present.',
      params: [param('str', STRING), param('prefix', STRING)],
      returns: STRING,
      impl: (args) => {
        const s = str(args, 0);
        const p = str(args, 1);
        return stringVal(s.startsWith(p) ? s.slice(p.length) : s);
      },
    }),
    defineFunction('trimsuffix', {
      description: 'Removes the given suffix from the end of a string, if present.',
      params: [param('str', STRING), param('suffix', STRING)],
      returns: STRING,
      impl: (args) => {
        const s = str(args, 0);
        const p = str(args, 1);
        return stringVal(p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s);
      },
    }),
    defineFunction('indent', {
      description: 'Adds the given number of spaces to the start of every line but the first.',
      params: [param('spaces', NUMBER), param('str', STRING)],
      returns: STRING,
      impl: (args) => {
        const n = wholeNumber(arg(args, 0), 0, 'spaces');
        // Go's strings.Repeat panics on a negative count, and cty reports the panic.
        if (n < 0) throw new ValueError('panic in function implementation: strings: negative Repeat count');
        const text = str(args, 1);
        checkStringLength(text.length + (text.split('\n').length - 1) * n);
        return stringVal(str(args, 1).replaceAll('\n', `\n${' '.repeat(n)}`));
      },
    }),
    defineFunction('join', {
      description: 'Concatenates the elements of one or more lists of strings with a separator.',
      params: [param('separator', STRING)],
      variadic: param('lists', listOf(STRING)),
      returns: STRING,
      impl: (args) => {
        const sep = str(args, 0);
        const lists = args.slice(1);
        if (lists.length === 0) throw new ValueError('at least one list is required');
        const parts: string[] = [];
        let length = 0;
        lists.forEach((list, j) => {
          list.asArray().forEach((e, i) => {
            if (e.isNull) {
              const where = lists.length > 1 ? `element ${i} of list ${j + 1}` : `element ${i}`;
              throw new ArgumentError(j + 1, `${where} is null; cannot concatenate null values`);
            }
            parts.push(e.asString());
            length += e.asString().length + (parts.length > 1 ? sep.length : 0);
          });
        });
        checkStringLength(length);
        return stringVal(parts.join(sep));
      },
    }),
    defineFunction('split', {
      description: 'Splits a string at every occurrence of a separator.',
      params: [param('separator', STRING), param('str', STRING)],
      returns: listOf(STRING),
      impl: (args) => {
        const sep = str(args, 0);
        const s = str(args, 1);
        const parts = sep === '' ? [...s] : s.split(sep);
        return listVal(parts.map(stringVal), STRING);
      },
    }),
    defineFunction('replace', {
      // Packer's replace is cty's: the substring is literal, even when written like /a regex/.
      description: 'Replaces each occurrence of a substring with a replacement.',
      params: [param('str', STRING), param('substr', STRING), param('replace', STRING)],
      returns: STRING,
      impl: (args) => stringVal(replaceLiteral(str(args, 0), str(args, 1), str(args, 2))),
    }),
    defineFunction('regex_replace', {
      description:
        'Replaces each match of a regular expression with a replacement ($1 and $name expand groups).',
      params: [param('str', STRING), param('pattern', STRING), param('replace', STRING)],
      returns: STRING,
      impl: (args) => stringVal(replaceAllGo(compilePattern(str(args, 1)), str(args, 0), str(args, 2))),
    }),
    defineFunction('regex', {
      description: 'Applies a regular expression and returns the first match (or its capture groups).',
      params: [param('pattern', STRING), param('string', STRING)],
      returns: (args) => {
        const p = arg(args, 0);
        if (!p.isKnown) return DYNAMIC;
        return resultTypeArg(p.asString());
      },
      impl: (args) => {
        const p = compileArg(str(args, 0));
        const m = eachMatch(p, str(args, 1)).next().value;
        if (!m) throw new ValueError('pattern did not match any part of the given string');
        return patternResult(p, m);
      },
    }),
    defineFunction('regexall', {
      description: 'Applies a regular expression and returns a list of all matches.',
      params: [param('pattern', STRING), param('string', STRING)],
      returns: (args) => {
        const p = arg(args, 0);
        if (!p.isKnown) return listOf(DYNAMIC);
        return listOf(resultTypeArg(p.asString()));
      },
      impl: (args, ret) => {
        const p = compileArg(str(args, 0));
        const ety = ret.kind === 'list' ? ret.element : STRING;
        return listVal(
          allMatches(p, str(args, 1)).map((m) => patternResult(p, m)),
          ety,
        );
      },
    }),
    defineFunction('substr', {
      description: 'Extracts a substring by character offset and length (-1 for the rest).',
      params: [param('str', STRING), param('offset', NUMBER), param('length', NUMBER)],
      returns: STRING,
      impl: (args) => {
        const chars = graphemes(str(args, 0));
        let offset = wholeNumber(arg(args, 1), 1, 'offset');
        const length = wholeNumber(arg(args, 2), 2, 'length');
        const fromEnd = offset < 0;
        if (fromEnd) offset = Math.max(offset + chars.length, 0);
        else if (length === 0) return stringVal('');
        if (offset >= chars.length) return stringVal('');
        const rest = chars.slice(offset);
        // cty's quirk: a length of 0 from an offset counted from the end takes the rest.
        const all = length < 0 || (fromEnd && length === 0);
        return stringVal((all ? rest : rest.slice(0, length)).join(''));
      },
    }),
    defineFunction('startswith', {
      description: 'Whether a string starts with a prefix.',
      params: [param('str', STRING), param('prefix', STRING)],
      returns: BOOL,
      impl: (args) => boolVal(str(args, 0).startsWith(str(args, 1))),
    }),
    defineFunction('endswith', {
      description: 'Whether a string ends with a suffix.',
      params: [param('str', STRING), param('suffix', STRING)],
      returns: BOOL,
      impl: (args) => boolVal(str(args, 0).endsWith(str(args, 1))),
    }),
    defineFunction('strcontains', {
      description: 'Whether a string contains a substring.',
      params: [param('str', STRING), param('substr', STRING)],
      returns: BOOL,
      impl: (args) => boolVal(str(args, 0).includes(str(args, 1))),
    }),
    defineFunction('format', {
      description: 'Produces a string from a format specification and values, like printf.',
      params: [param('format', STRING)],
      variadic: param('args', DYNAMIC, { allowNull: true }),
      returns: STRING,
      impl: (args) => stringVal(formatString(str(args, 0), args.slice(1))),
    }),
    defineFunction('formatlist', {
      description: 'Produces a list of strings by applying a format to the elements of lists.',
      params: [param('format', STRING)],
      variadic: param('args', DYNAMIC, { allowNull: true, allowUnknown: true }),
      returns: listOf(STRING),
      impl: (args, ret) => formatList(str(args, 0), args.slice(1), ret),
    }),
  ];
}

function resultTypeArg(pattern: string) {
  const compiled = compileArg(pattern);
  try {
    return patternResultType(compiled);
  } catch (error) {
    if (error instanceof ValueError) throw new ArgumentError(0, error.message);
    throw error;
  }
}

function compileArg(pattern: string) {
  try {
    return compilePattern(pattern);
  } catch (error) {
    if (error instanceof ValueError) throw new ArgumentError(0, error.message);
    throw error;
  }
}

function formatList(format: string, args: readonly Value[], ret: import('../values/index.ts').Type): Value {
  if (args.length === 0) return listVal([stringVal(formatString(format, []))]);
  let length = -1;
  let chooser = -1;
  const sequences: (readonly Value[] | undefined)[] = [];
  for (const [i, a] of args.entries()) {
    const k = a.type.kind;
    if ((k === 'list' || k === 'set' || k === 'tuple') && !a.isNull) {
      if (!a.isKnown) return unknownVal(ret);
      const elems = a.asArray();
      if (length === -1) {
        length = elems.length;
        chooser = i;
      } else if (elems.length !== length) {
        throw new ArgumentError(
          i + 1,
          `argument ${i + 1} has length ${elems.length}, which is inconsistent with argument ${chooser + 1} of length ${length}`,
        );
      }
      sequences.push(elems);
    } else {
      sequences.push(undefined);
    }
  }
  if (length === 0) return listVal([], STRING);
  const count = length === -1 ? 1 : length;
  const out: Value[] = [];
  for (let n = 0; n < count; n++) {
    const callArgs = args.map((a, i) => sequences[i]?.[n] ?? a);
    if (callArgs.some((a) => !a.isWhollyKnown)) {
      out.push(unknownVal(STRING));
      continue;
    }
    try {
      out.push(stringVal(formatString(format, callArgs)));
    } catch (error) {
      if (error instanceof ValueError)
        throw new ValueError(`error on format iteration ${n}: ${error.message}`);
      throw error;
    }
  }
  return listVal(out, STRING);
}
