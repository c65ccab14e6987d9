import type { JsonValue } from '../spi/json.ts';
import { convert } from './convert.ts';
import { ValueError, withPath } from './errors.ts';
import { BigNum } from './number.ts';
import { DYNAMIC, type Type, typeFromJson, typeName, typeToJson } from './types.ts';
import {
  EMPTY_OBJECT_VAL,
  EMPTY_TUPLE_VAL,
  type Value,
  boolVal,
  listVal,
  mapVal,
  nullVal,
  numberVal,
  objectVal,
  setVal,
  stringVal,
  tupleVal,
} from './value.ts';

/**
 * cty's JSON encoding (`ctyjson.Marshal`), as `jsonencode` prints it: no whitespace, object
 * keys sorted, numbers in plain decimal, `<`, `>`, `&`, U+2028 and U+2029 escaped like Go's
 * encoder. With `type` DYNAMIC the output is `{"value":...,"type":...}`. The value must be
 * wholly known; marks are ignored (callers decide about sensitive values).
 */
export function toJson(value: Value, type: Type = value.type): string {
  if (type.kind === 'dynamic') {
    return `{"value":${encode(value, value.type)},"type":${JSON.stringify(typeToJson(value.type))}}`;
  }
  return encode(convert(value, type), type);
}

function encode(value: Value, type: Type): string {
  const v = value.unmark();
  if (!v.isKnown) throw new ValueError('value is not known yet; cannot serialize an unknown value to JSON');
  if (v.isNull) return 'null';
  switch (type.kind) {
    case 'string':
      return jsonString(v.asString());
    case 'number': {
      const n = v.asNumber();
      if (n.isInfinite()) throw new ValueError(`cannot serialize infinity (${n.toString()}) to JSON`);
      return n.toString();
    }
    case 'bool':
      return v.asBool() ? 'true' : 'false';
    case 'list':
    case 'set':
      return `[${v
        .asArray()
        .map((e, i) => withPath({ index: i }, () => encode(e, type.element)))
        .join(',')}]`;
    case 'tuple':
      return `[${v
        .asArray()
        .map((e, i) => withPath({ index: i }, () => encode(e, type.elements[i] ?? e.type)))
        .join(',')}]`;
    case 'map':
      return `{${[...v.asMap()]
        .map(([k, e]) => `${jsonString(k)}:${withPath({ index: k }, () => encode(e, type.element))}`)
        .join(',')}}`;
    case 'object':
      return `{${[...v.asMap()]
        .map(
          ([k, e]) =>
            `${jsonString(k)}:${withPath({ attribute: k }, () => encode(e, type.attributes[k] ?? e.type))}`,
        )
        .join(',')}}`;
    case 'dynamic':
      return toJson(v, DYNAMIC);
  }
}

/**
 * A JSON string literal as Go's encoding/json writes it: HTML-safe, and a lone surrogate (which
 * JSON.stringify escapes as itself) becomes U+FFFD, as Go writes invalid UTF-8.
 */
export function jsonString(s: string): string {
  return JSON.stringify(s)
    .replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\\ud[89a-f][0-9a-f]{2}/g, '\\ufffd');
}

/**
 * Decodes cty's JSON encoding for a given type (`ctyjson.Unmarshal`). With DYNAMIC the text
 * must be `{"value":...,"type":...}`. Numbers keep their full precision.
 */
export function fromJson(text: string, type: Type): Value {
  const tree = parseJson(text);
  return decodeWithType(tree, type);
}

function decodeWithType(node: JsonNode, type: Type): Value {
  if (node.kind === 'null') return nullVal(type);
  switch (type.kind) {
    case 'dynamic': {
      if (node.kind !== 'object')
        throw new ValueError('dynamic value must be an object with "value" and "type"');
      const t = node.entries.get('type');
      const v = node.entries.get('value');
      if (!t || !v) throw new ValueError('dynamic value must have "value" and "type" properties');
      return decodeWithType(v, typeFromJson(plainOf(t)));
    }
    case 'string':
    case 'number':
    case 'bool':
      return convert(impliedValue(node), type);
    case 'list':
    case 'set':
    case 'tuple': {
      if (node.kind !== 'array') throw new ValueError(`${typeName(type)} required`);
      const elems = node.items.map((n, i) =>
        withPath({ index: i }, () =>
          decodeWithType(n, type.kind === 'tuple' ? (type.elements[i] ?? DYNAMIC) : type.element),
        ),
      );
      if (type.kind === 'tuple') return convert(tupleVal(elems), type);
      return type.kind === 'list' ? listVal(elems, type.element) : setVal(elems, type.element);
    }
    case 'map':
    case 'object': {
      if (node.kind !== 'object') throw new ValueError(`${typeName(type)} required`);
      const out = new Map<string, Value>();
      for (const [k, n] of node.entries) {
        const t = type.kind === 'map' ? type.element : type.attributes[k];
        if (!t) throw new ValueError(`unsupported attribute "${k}"`);
        out.set(
          k,
          withPath({ attribute: k }, () => decodeWithType(n, t)),
        );
      }
      return type.kind === 'map' ? mapVal(out, type.element) : convert(objectVal(out), type);
    }
  }
}

/** JSON text to a value of its implied type (objects → object, arrays → tuple), as `jsondecode`. */
export function fromJsonImplied(text: string): Value {
  return impliedValue(parseJson(text));
}

function impliedValue(node: JsonNode): Value {
  switch (node.kind) {
    case 'null':
      return nullVal(DYNAMIC);
    case 'bool':
      return boolVal(node.value);
    case 'number':
      return numberVal(node.text);
    case 'string':
      return stringVal(node.value);
    case 'array':
      return node.items.length === 0 ? EMPTY_TUPLE_VAL : tupleVal(node.items.map(impliedValue));
    case 'object': {
      if (node.entries.size === 0) return EMPTY_OBJECT_VAL;
      const out = new Map<string, Value>();
      for (const [k, n] of node.entries) out.set(k, impliedValue(n));
      return objectVal(out);
    }
  }
}

/** The value as plain JSON data for plugin configs. Numbers become JS numbers; unknown values throw. */
export function toPlain(value: Value): JsonValue {
  const v = value.unmark();
  if (!v.isKnown) throw new ValueError('value is not known yet');
  if (v.isNull) return null;
  switch (v.type.kind) {
    case 'string':
      return v.asString();
    case 'number': {
      const n = v.asNumber();
      if (n.isInfinite()) throw new ValueError(`infinity (${n.toString()}) has no plain JSON form`);
      return n.toNumber();
    }
    case 'bool':
      return v.asBool();
    case 'list':
    case 'set':
    case 'tuple':
      return v.asArray().map((e, i) => withPath({ index: i }, () => toPlain(e)));
    case 'map':
    case 'object': {
      const out: Record<string, JsonValue> = {};
      for (const [k, e] of v.asMap()) out[k] = withPath({ attribute: k }, () => toPlain(e));
      return out;
    }
    case 'dynamic':
      throw new ValueError('value is not known yet');
  }
}

/** Plain JSON data as a value of its implied type (arrays → tuple, objects → object), optionally converted to `type`. */
export function fromPlain(data: JsonValue, type?: Type): Value {
  const v = plainToValue(data);
  return type ? convert(v, type) : v;
}

function plainToValue(data: JsonValue): Value {
  if (data === null) return nullVal(DYNAMIC);
  if (typeof data === 'string') return stringVal(data);
  // Plain numbers come from decimal text (JSON, YAML), which cty reads at full precision.
  if (typeof data === 'number') return numberVal(String(data));
  if (typeof data === 'boolean') return boolVal(data);
  if (Array.isArray(data)) return tupleVal(data.map(plainToValue));
  const out = new Map<string, Value>();
  for (const [k, e] of Object.entries(data)) out.set(k, plainToValue(e));
  return objectVal(out);
}

/**
 * A parsed JSON document that keeps number text (for arbitrary precision). A key given twice
 * takes its last value, as cty's JSON decoding does.
 */
export type JsonNode =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'number'; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'array'; items: JsonNode[] }
  | { kind: 'object'; entries: Map<string, JsonNode> };

export function parseJson(text: string): JsonNode {
  let pos = 0;
  const fail = (what: string): never => {
    throw new ValueError(`invalid JSON at offset ${pos}: ${what}`);
  };
  const ws = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos] as string)) pos++;
  };
  const parseValue = (): JsonNode => {
    ws();
    const c = text[pos];
    if (c === undefined) return fail('unexpected end of input');
    if (c === '{') {
      pos++;
      const entries = new Map<string, JsonNode>();
      ws();
      if (text[pos] === '}') {
        pos++;
        return { kind: 'object', entries };
      }
      for (;;) {
        ws();
        if (text[pos] !== '"') fail('expected a string key');
        const key = parseString();
        ws();
        if (text[pos] !== ':') fail('expected ":"');
        pos++;
        entries.set(key, parseValue());
        ws();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return { kind: 'object', entries };
        }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      pos++;
      const items: JsonNode[] = [];
      ws();
      if (text[pos] === ']') {
        pos++;
        return { kind: 'array', items };
      }
      for (;;) {
        items.push(parseValue());
        ws();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return { kind: 'array', items };
        }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') return { kind: 'string', value: parseString() };
    for (const [word, node] of [
      ['true', { kind: 'bool', value: true }],
      ['false', { kind: 'bool', value: false }],
      ['null', { kind: 'null' }],
    ] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return node;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos));
    if (!m) return fail(`unexpected character ${JSON.stringify(c)}`);
    pos += m[0].length;
    if (!BigNum.parse(m[0])) fail('invalid number');
    return { kind: 'number', text: m[0] };
  };
  const parseString = (): string => {
    const start = pos;
    pos++;
    while (pos < text.length && text[pos] !== '"') {
      if (text[pos] === '\\') pos++;
      else if ((text.charCodeAt(pos) ?? 0) < 0x20) fail('control character in string');
      pos++;
    }
    if (pos >= text.length) fail('unterminated string');
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const node = parseValue();
  ws();
  if (pos !== text.length) fail('extra data after the value');
  return node;
}

function plainOf(node: JsonNode): unknown {
  switch (node.kind) {
    case 'null':
      return null;
    case 'bool':
    case 'string':
      return node.value;
    case 'number':
      return Number(node.text);
    case 'array':
      return node.items.map(plainOf);
    case 'object':
      return Object.fromEntries([...node.entries].map(([k, v]) => [k, plainOf(v)]));
  }
}
