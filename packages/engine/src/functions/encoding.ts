import {
  DYNAMIC,
  STRING,
  type Type,
  type Value,
  ValueError,
  fromJsonImplied,
  listOf,
  listVal,
  objectOf,
  objectVal,
  parseJson,
  stringVal,
  toJson,
  unknownVal,
} from '../values/index.ts';
import type { FunctionContext } from './context.ts';
import { arg, base64Decode, base64Encode, defineFunction, fromUtf8, param, utf8 } from './define.ts';
import { ArgumentError, type KilnFunction } from './function.ts';
import { yamlDecode, yamlEncode } from './yaml.ts';

const str = (args: readonly Value[], i: number) => arg(args, i).asString();

/** RFC 4180 records as Go's encoding/csv reads them (quoted fields, `""` escapes, same field count). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  let line = 1;
  let fieldStarted = false;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
    fieldStarted = false;
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const n = text[i];
        if (n !== undefined && n !== ',' && n !== '\n' && n !== '\r') {
          throw new ValueError(`parse error on line ${line}: extraneous or missing " in quoted-field`);
        }
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (c === '"') throw new ValueError(`parse error on line ${line}: bare " in non-quoted-field`);
    if (c === ',') {
      record.push(field);
      field = '';
      fieldStarted = false;
      i++;
      continue;
    }
    if (c === '\r' && text[i + 1] === '\n') i++;
    if (c === '\n' || c === '\r') {
      i++;
      line++;
      if (record.length === 0 && field === '' && !fieldStarted) continue;
      endRecord();
      continue;
    }
    field += c;
    fieldStarted = true;
    i++;
  }
  if (quoted) throw new ValueError(`parse error on line ${line}: extraneous or missing " in quoted-field`);
  if (fieldStarted || record.length > 0 || field !== '') endRecord();
  const width = records[0]?.length;
  records.forEach((r, n) => {
    if (r.length !== width) throw new ValueError(`parse error on line ${n + 1}: wrong number of fields`);
  });
  return records;
}

function csvHeader(text: string): string[] {
  const records = parseCsv(text);
  const header = records[0];
  if (!header) throw new ValueError('missing header line');
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new ValueError(`duplicate column name "${name}"`);
    seen.add(name);
  }
  return header;
}

/** Go's url.QueryEscape. */
function queryEscape(s: string): string {
  let out = '';
  for (const byte of utf8(s)) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const TEXT_ENCODINGS = new Map<string, string>([
  ['utf-8', 'utf-8'],
  ['utf8', 'utf-8'],
  ['utf-16', 'utf-16'],
  ['utf-16le', 'utf-16le'],
  ['utf-16be', 'utf-16be'],
  ['windows-1252', 'windows-1252'],
  ['iso-8859-1', 'latin1'],
  ['latin1', 'latin1'],
]);

/** Windows-1252's characters for bytes 0x80 to 0x9F; every other byte is the same code point. */
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function windows1252Char(byte: number): string {
  return byte >= 0x80 && byte <= 0x9f
    ? (WINDOWS_1252_HIGH[byte - 0x80] as string)
    : String.fromCharCode(byte);
}

const WINDOWS_1252_BYTES = new Map(Array.from({ length: 256 }, (_, b) => [windows1252Char(b), b]));

function encodeText(s: string, encoding: string): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return utf8(s);
    // Go's "UTF-16": big-endian after a byte order mark.
    case 'utf-16':
      return new Uint8Array([0xfe, 0xff, ...encodeText(s, 'utf-16be')]);
    case 'windows-1252': {
      const table = WINDOWS_1252_BYTES;
      return new Uint8Array(
        [...s].map((ch) => {
          const b = table.get(ch);
          if (b === undefined) {
            throw new ValueError(
              `the given string contains characters that cannot be represented in ${encoding}`,
            );
          }
          return b;
        }),
      );
    }
    case 'utf-16le':
    case 'utf-16be': {
      const out = new Uint8Array(s.length * 2);
      for (let i = 0; i < s.length; i++) {
        const u = s.charCodeAt(i);
        const [hi, lo] = [u >> 8, u & 0xff];
        out[2 * i] = encoding === 'utf-16le' ? lo : hi;
        out[2 * i + 1] = encoding === 'utf-16le' ? hi : lo;
      }
      return out;
    }
    default: {
      const out = new Uint8Array(s.length);
      for (let i = 0; i < s.length; i++) {
        const u = s.charCodeAt(i);
        if (u > 0xff)
          throw new ValueError(
            `the given string contains characters that cannot be represented in ${encoding}`,
          );
        out[i] = u;
      }
      return out;
    }
  }
}

function decodeText(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'windows-1252') return Array.from(bytes, windows1252Char).join('');
  if (encoding !== 'utf-16') return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  // Go's "UTF-16" follows a byte order mark and is big-endian without one.
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.slice(2));
  const body = bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.slice(2) : bytes;
  return new TextDecoder('utf-16be', { fatal: true }).decode(body);
}

function encodingArg(v: Value, index: number): string {
  const name = v.asString();
  const enc = TEXT_ENCODINGS.get(name.toLowerCase());
  if (!enc) throw new ArgumentError(index, `"${name}" is not a supported IANA encoding name or alias`);
  return enc;
}

export function encodingFunctions(ctx: FunctionContext): KilnFunction[] {
  return [
    defineFunction('base64encode', {
      description: 'Encodes a string (as UTF-8) in standard Base64.',
      params: [param('str', STRING)],
      returns: STRING,
      impl: (args) => stringVal(base64Encode(utf8(str(args, 0)))),
    }),
    defineFunction('base64decode', {
      description: 'Decodes standard Base64 to a UTF-8 string.',
      params: [param('str', STRING)],
      returns: STRING,
      impl: (args) => {
        const bytes = base64Decode(str(args, 0));
        if (!bytes) throw new ValueError(`failed to decode base64 data '${str(args, 0)}'`);
        const text = fromUtf8(bytes);
        if (text === undefined)
          throw new ValueError('the result of decoding the the provided string is not valid UTF-8');
        return stringVal(text);
      },
    }),
    defineFunction('base64gzip', {
      description: 'Compresses a string with gzip and encodes the result in Base64.',
      params: [param('str', STRING)],
      returns: STRING,
      impl: (args) => {
        if (!ctx.gzip) throw new ValueError('gzip compression is not available in this environment');
        return stringVal(base64Encode(ctx.gzip(utf8(str(args, 0)))));
      },
    }),
    defineFunction('textencodebase64', {
      description: 'Encodes a string in a character encoding, then in Base64.',
      params: [param('string', STRING), param('encoding', STRING)],
      returns: STRING,
      impl: (args) => stringVal(base64Encode(encodeText(str(args, 0), encodingArg(arg(args, 1), 1)))),
    }),
    defineFunction('textdecodebase64', {
      description: 'Decodes Base64 and then a character encoding to a string.',
      params: [param('source', STRING), param('encoding', STRING)],
      returns: STRING,
      impl: (args) => {
        const enc = encodingArg(arg(args, 1), 1);
        const bytes = base64Decode(str(args, 0));
        if (!bytes) throw new ArgumentError(0, 'the given value is not valid base64');
        try {
          return stringVal(decodeText(bytes, enc));
        } catch {
          throw new ArgumentError(0, `the given value is has an invalid ${enc} encoding`);
        }
      },
    }),
    defineFunction('urlencode', {
      description: 'Escapes a string for use in a URL query.',
      params: [param('str', STRING)],
      returns: STRING,
      impl: (args) => stringVal(queryEscape(str(args, 0))),
    }),
    defineFunction('csvdecode', {
      description: 'Decodes CSV with a header line into a list of objects.',
      params: [param('str', STRING)],
      returns: (args) => {
        const s = arg(args, 0);
        if (!s.isKnown) return listOf(DYNAMIC);
        const attrs: Record<string, Type> = {};
        for (const name of csvHeader(s.asString())) attrs[name] = STRING;
        return listOf(objectOf(attrs));
      },
      impl: (args, ret) => {
        const [header, ...rows] = parseCsv(str(args, 0));
        const ety = ret.kind === 'list' ? ret.element : DYNAMIC;
        return listVal(
          rows.map((row) =>
            objectVal(Object.fromEntries((header ?? []).map((h, i) => [h, stringVal(row[i] ?? '')]))),
          ),
          ety,
        );
      },
    }),
    defineFunction('jsonencode', {
      description: 'Encodes a value as JSON (object keys sorted).',
      params: [param('val', DYNAMIC, { allowNull: true, allowDynamicType: true })],
      returns: STRING,
      impl: (args) => {
        const v = arg(args, 0);
        if (!v.isWhollyKnown) return unknownVal(STRING);
        if (v.isNull) return stringVal('null');
        return stringVal(toJson(v));
      },
    }),
    defineFunction('jsondecode', {
      description: 'Decodes JSON into a value of the implied type.',
      params: [param('str', STRING)],
      returns: (args) => {
        const s = arg(args, 0);
        if (!s.isKnown) return DYNAMIC;
        parseJson(s.asString());
        return fromJsonImplied(s.asString()).type;
      },
      impl: (args) => fromJsonImplied(str(args, 0)),
    }),
    defineFunction('yamlencode', {
      description: 'Encodes a value as YAML.',
      params: [param('value', DYNAMIC, { allowNull: true, allowDynamicType: true })],
      returns: STRING,
      impl: (args) => {
        const v = arg(args, 0);
        if (!v.isWhollyKnown) return unknownVal(STRING);
        return stringVal(yamlEncode(v));
      },
    }),
    defineFunction('yamldecode', {
      description: 'Decodes YAML into a value of the implied type.',
      params: [param('src', STRING)],
      returns: (args) => {
        const s = arg(args, 0);
        return s.isKnown ? yamlDecode(s.asString()).type : DYNAMIC;
      },
      impl: (args) => yamlDecode(str(args, 0)),
    }),
  ];
}
