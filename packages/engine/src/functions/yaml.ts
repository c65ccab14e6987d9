import {
  type Document,
  type Node,
  Document as YamlDocument,
  Scalar,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  visit,
} from 'yaml';
import {
  BigNum,
  DYNAMIC_VAL,
  FALSE,
  TRUE,
  type Value,
  ValueError,
  convert,
  STRING,
  nullVal,
  DYNAMIC,
  numberVal,
  objectVal,
  stringVal,
  toPlain,
  tupleVal,
} from '../values/index.ts';

/**
 * YAML as Packer's yamlencode / yamldecode (go-cty-yaml) read and write it: YAML 1.1 scalars
 * (`yes`, `on`, `y` are booleans; `0x10` stays a string unless tagged `!!int`; dates become RFC 3339
 * strings), strings-only mapping keys, duplicate keys allowed (the last wins), sequences as
 * tuples and mappings as objects.
 */

const TAG = 'tag:yaml.org,2002:';
const STR_TAG = `${TAG}str`;
const BINARY_TAG = `${TAG}binary`;
const BOOL_TAG = `${TAG}bool`;
const INT_TAG = `${TAG}int`;
const FLOAT_TAG = `${TAG}float`;
const NULL_TAG = `${TAG}null`;
const TIMESTAMP_TAG = `${TAG}timestamp`;
const MAP_TAG = `${TAG}map`;
const SEQ_TAG = `${TAG}seq`;
const RESOLVABLE = new Set([
  '',
  STR_TAG,
  BOOL_TAG,
  INT_TAG,
  FLOAT_TAG,
  TIMESTAMP_TAG,
  BINARY_TAG,
  `${TAG}merge`,
  NULL_TAG,
]);

const NULL_VALUE = nullVal(DYNAMIC);
/** A mapping key `<<`: merge the value (a mapping) into the enclosing mapping. */
const MERGE = Symbol('merge');

const WORDS = new Map<string, { value: Value; tag: string }>();
for (const [value, tag, words] of [
  [TRUE, BOOL_TAG, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']],
  [FALSE, BOOL_TAG, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']],
  [NULL_VALUE, NULL_TAG, ['', '~', 'null', 'Null', 'NULL']],
  [numberVal(BigNum.POSITIVE_INFINITY), FLOAT_TAG, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']],
  [numberVal(BigNum.NEGATIVE_INFINITY), FLOAT_TAG, ['-.inf', '-.Inf', '-.INF']],
] as const) {
  for (const w of words) WORDS.set(w, { value, tag });
}

/** cty.ParseNumberVal: decimal notation only. */
const DECIMAL = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

function parseDecimal(text: string): Value | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const n = BigNum.parse(text.startsWith('+') ? text.slice(1) : text);
  return n ? numberVal(n) : undefined;
}

/** Go's strconv.ParseInt / ParseUint with base 0 (0x, 0o, 0b, leading-zero octal, underscores), 64 bits. */
function parseGoInteger(text: string): Value | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!m) return undefined;
  const body = (m[2] as string).replaceAll('_', '');
  let n: bigint;
  if (/^0[oO]/.test(body)) n = BigInt(`0o${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) n = BigInt(`0o${body.slice(1)}`);
  else n = BigInt(body);
  const signed = m[1] === '-' ? -n : n;
  if (signed < -(2n ** 63n) || signed > 2n ** 64n - 1n) return undefined;
  return numberVal(signed);
}

const TIMESTAMPS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d{1,9})?()$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2})()()()()()$/,
];

const two = (n: number) => String(n).padStart(2, '0');

/** go-cty-yaml's timestamps (a subset of YAML's), written back in Go's RFC 3339 layout. */
function parseTimestamp(text: string): string | undefined {
  for (const pattern of TIMESTAMPS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => (x ? Number(x) : 0)) as number[];
    const zone = m[8] || 'Z';
    const days = new Date(Date.UTC(y as number, mo as number, 0)).getUTCDate();
    if ((mo as number) < 1 || (mo as number) > 12 || (d as number) < 1 || (d as number) > days)
      return undefined;
    if ((h as number) > 23 || (mi as number) > 59 || (s as number) > 59) return undefined;
    if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4)) > 59)) return undefined;
    const offset = zone === 'Z' || /^[+-]00:00$/.test(zone) ? 'Z' : zone;
    return `${String(y).padStart(4, '0')}-${two(mo as number)}-${two(d as number)}T${two(h as number)}:${two(mi as number)}:${two(s as number)}${offset}`;
  }
  return undefined;
}

function resolveScalar(tag: string, src: string, quoted: boolean): Value | typeof MERGE {
  if (!RESOLVABLE.has(tag)) throw new ValueError(`unsupported tag "${tag.replace(TAG, '!!')}"`);
  const first = src[0];
  const hint =
    src === ''
      ? 'M'
      : first === '+' || first === '-'
        ? 'S'
        : /[0-9]/.test(first as string)
          ? 'D'
          : 'yYnNtTfFoO~'.includes(first as string)
            ? 'M'
            : first === '.'
              ? '.'
              : '';
  let explicit = tag;
  if (hint !== '' && tag !== STR_TAG && tag !== BINARY_TAG) {
    if (quoted) return stringVal(src);
    const word = WORDS.get(src);
    if (word) return word.value;
    if (tag === '' && ['.nan', '.NaN', '.NAN'].includes(src)) {
      throw new ValueError('floating point NaN is not supported');
    }
    if (hint === '.') {
      const n = parseDecimal(src);
      if (n) return n;
    } else if (hint === 'D' || hint === 'S') {
      if (tag === '' || tag === TIMESTAMP_TAG) {
        const t = parseTimestamp(src);
        if (t !== undefined) return stringVal(t);
      }
      const plain = src.replaceAll('_', '');
      const n = parseDecimal(plain);
      if (n) return n;
      if (plain.startsWith('0b') || plain.startsWith('-0b')) explicit = INT_TAG;
    }
  }
  if (explicit === '' && src === '<<') return MERGE;
  switch (explicit) {
    case STR_TAG:
    case BINARY_TAG:
      return stringVal(src);
    case BOOL_TAG: {
      const word = WORDS.get(src);
      if (!word || word.tag !== BOOL_TAG) throw new ValueError(`cannot parse "${src}" as !!bool`);
      return word.value;
    }
    case FLOAT_TAG:
    case INT_TAG: {
      const plain = src.replaceAll('_', '');
      const n = parseDecimal(plain) ?? parseGoInteger(plain);
      if (!n) throw new ValueError(`cannot parse "${src}" as ${explicit.replace(TAG, '!!')}`);
      return n;
    }
    case TIMESTAMP_TAG: {
      const t = parseTimestamp(src);
      if (t === undefined) throw new ValueError(`cannot parse "${src}" as !!timestamp`);
      return stringVal(t);
    }
    case NULL_TAG:
      return NULL_VALUE;
    case '':
      return stringVal(src);
    default:
      throw new ValueError(`unsupported tag "${explicit.replace(TAG, '!!')}"`);
  }
}

/**
 * The values of a document's anchored nodes, as go-cty-yaml keeps them: an alias is the anchor's
 * value itself, shared, never decoded again (so "billion laughs" costs what its text costs, and
 * the size budget refuses the result), and an alias inside its own anchor is refused.
 */
interface Anchors {
  done: Map<unknown, Value>;
  pending: Set<unknown>;
}

function decodeNode(doc: Document, node: unknown, where: (n: unknown) => string, anchors: Anchors): Value {
  if (node === null || node === undefined) return NULL_VALUE;
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (anchors.pending.has(target))
      throw new ValueError(
        `${where(node)}cannot refer to anchor "${node.source}" from inside its own definition`,
      );
    const known = anchors.done.get(target);
    if (known) return known;
    if (target === undefined)
      throw new ValueError(`${where(node)}reference to undefined anchor "${node.source}"`);
    return decodeNode(doc, target, where, anchors);
  }
  const anchored = (node as { anchor?: string }).anchor !== undefined;
  if (!anchored) return decodeValue(doc, node, where, anchors);
  anchors.pending.add(node);
  const value = decodeValue(doc, node, where, anchors);
  anchors.pending.delete(node);
  anchors.done.set(node, value);
  return value;
}

function decodeValue(doc: Document, node: unknown, where: (n: unknown) => string, anchors: Anchors): Value {
  if (isScalar(node)) {
    const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
    const v = resolveScalar(node.tag ?? '', String(node.value), quoted);
    return v === MERGE ? stringVal('<<') : v;
  }
  if (isSeq(node)) {
    if (node.tag && node.tag !== SEQ_TAG)
      throw new ValueError(`${where(node)}can't interpret sequence as ${node.tag}`);
    return tupleVal(node.items.map((item) => decodeNode(doc, item, where, anchors)));
  }
  if (isMap(node)) {
    if (node.tag && node.tag !== MAP_TAG)
      throw new ValueError(`${where(node)}can't interpret mapping as ${node.tag}`);
    const attrs: Record<string, Value> = {};
    for (const pair of node.items) {
      const keyNode = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
      if (!isScalar(keyNode))
        throw new ValueError(`${where(pair.key)}only strings are allowed as mapping keys`);
      const quoted = keyNode.type === Scalar.QUOTE_DOUBLE || keyNode.type === Scalar.QUOTE_SINGLE;
      const key = resolveScalar(keyNode.tag ?? '', String(keyNode.value), quoted);
      if (key === MERGE) {
        const merged = decodeNode(doc, pair.value, where, anchors);
        const kind = merged.type.kind;
        if (kind !== 'object' && kind !== 'map') {
          throw new ValueError(`${where(pair.key)}cannot merge ${kind} into mapping`);
        }
        for (const [k, v] of merged.asMap()) attrs[k] = v;
        continue;
      }
      if (key.isNull) throw new ValueError(`${where(pair.key)}mapping key cannot be null`);
      let name: string;
      try {
        name = convert(key, STRING).asString();
      } catch {
        throw new ValueError(`${where(pair.key)}only strings are allowed as mapping keys`);
      }
      attrs[name] = decodeNode(doc, pair.value, where, anchors);
    }
    return objectVal(attrs);
  }
  throw new ValueError(`${where(node)}unsupported YAML node`);
}

/** yamldecode: one document; its root null (or an empty document) gives an unknown value, as in Packer. */
export function yamlDecode(text: string): Value {
  const docs = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false, merge: false });
  if (!Array.isArray(docs) || docs.length === 0) {
    throw new ValueError('on line 1, column 1: missing start of document');
  }
  if (docs.length > 1) throw new ValueError('unexpected extra content after value');
  const doc = docs[0] as NonNullable<(typeof docs)[number]>;
  const problem = doc.errors[0];
  if (problem) {
    throw new ValueError(`on line ${problem.linePos?.[0]?.line ?? '?'}: ${problem.message.split('\n')[0]}`);
  }
  const lines = (offset: number | undefined) =>
    offset === undefined ? '' : `on line ${text.slice(0, offset).split('\n').length}: `;
  const where = (n: unknown) => lines((n as Node | null)?.range?.[0]);
  const value = decodeNode(doc, doc.contents, where, { done: new Map(), pending: new Set() });
  return value.isNull ? DYNAMIC_VAL : value;
}

/** A placeholder that survives the YAML writer unquoted, replaced by the number's exact text. */
const NUMBER_MARK = 'kiln0number0';

/**
 * yamlencode: go-cty-yaml's layout (strings double-quoted, multi-line ones as literal blocks,
 * block sequences not indented), numbers in full (`big.Float.Text('f', -1)`), and a root that
 * is a plain scalar ended by the `...` document end marker.
 */
export function yamlEncode(value: Value): string {
  const kind = value.type.kind;
  if (value.isNull) return 'null\n...\n';
  if (kind === 'number') return `${value.asNumber().toString()}\n...\n`;
  if (kind === 'bool') return `${value.asBool()}\n...\n`;
  if (kind === 'string' && value.asString().includes('\n')) return rootLiteral(value.asString());
  const numbers: string[] = [];
  const doc = new YamlDocument(toPlain(withNumberMarks(value, numbers)));
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      if (node.value.startsWith(NUMBER_MARK)) node.type = Scalar.PLAIN;
      else node.type = node.value.includes('\n') ? Scalar.BLOCK_LITERAL : Scalar.QUOTE_DOUBLE;
    },
  });
  const text = doc.toString({ indentSeq: false, lineWidth: 0 });
  return text.replace(new RegExp(`${NUMBER_MARK}(\\d+)`, 'g'), (_m, i: string) => numbers[Number(i)] ?? '');
}

function withNumberMarks(value: Value, numbers: string[]): Value {
  if (value.isNull) return value;
  const kind = value.type.kind;
  if (kind === 'number') {
    numbers.push(value.asNumber().toString());
    return stringVal(`${NUMBER_MARK}${numbers.length - 1}`);
  }
  if (kind === 'list' || kind === 'set' || kind === 'tuple') {
    return tupleVal(value.asArray().map((v) => withNumberMarks(v, numbers)));
  }
  if (kind === 'map' || kind === 'object') {
    return objectVal(
      Object.fromEntries([...value.asMap()].map(([k, v]) => [k, withNumberMarks(v, numbers)])),
    );
  }
  return value;
}

/** A multi-line root string: a literal block indented by two spaces, with its chomping indicator. */
function rootLiteral(text: string): string {
  const chomp = text.endsWith('\n\n') || text === '\n' ? '+' : text.endsWith('\n') ? '' : '-';
  const indicator = text.startsWith(' ') || text.startsWith('\n') ? '2' : '';
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const lines = body.split('\n').map((line) => (line === '' ? '' : `  ${line}`));
  return `|${indicator}${chomp}\n${lines.join('\n')}\n`;
}
