import { ValueError } from './errors.ts';
import { BigNum } from './number.ts';
import {
  BOOL,
  DYNAMIC,
  NUMBER,
  STRING,
  type Type,
  listOf,
  mapOf,
  objectOf,
  setOf,
  tupleOf,
  typeEquals,
  typeName,
} from './types.ts';

/** The mark HCL's `sensitive()` puts on a value; it travels through every operation. */
export const SENSITIVE = 'sensitive';

const UNKNOWN: unique symbol = Symbol('unknown');

type Data = string | BigNum | boolean | readonly Value[] | ReadonlyMap<string, Value> | null | typeof UNKNOWN;

const NO_MARKS: ReadonlySet<string> = new Set();

/** See `Value.size`. */
export interface ValueSize {
  nodes: number;
  chars: number;
}

/**
 * An immutable cty value: a type plus either a known payload, null (of that type),
 * or unknown (of that type, `DYNAMIC` when even the type is not known yet), and a
 * set of marks (`sensitive`). Build values with the constructors below, never `new`.
 *
 * Payloads: string → JS string (NFC), number → BigNum, bool → boolean,
 * list/set/tuple → Value[] (sets deduplicated and in cty's order),
 * map/object → Map sorted by key.
 */
export class Value {
  private constructor(
    readonly type: Type,
    private readonly data: Data,
    readonly marks: ReadonlySet<string>,
  ) {}

  /** @internal */
  static create(type: Type, data: Data, marks: ReadonlySet<string> = NO_MARKS): Value {
    return new Value(type, data, marks);
  }

  get isNull(): boolean {
    return this.data === null;
  }
  get isKnown(): boolean {
    return this.data !== UNKNOWN;
  }
  /** Known and, for collections, every nested element known too. */
  get isWhollyKnown(): boolean {
    if (this.data === UNKNOWN) return false;
    if (Array.isArray(this.data)) return (this.data as Value[]).every((v) => v.isWhollyKnown);
    if (this.data instanceof Map) return [...this.data.values()].every((v) => v.isWhollyKnown);
    return true;
  }
  get isMarked(): boolean {
    return this.marks.size > 0;
  }
  get isSensitive(): boolean {
    return this.marks.has(SENSITIVE);
  }
  /** This value or anything inside it carries a mark. */
  get containsMarked(): boolean {
    if (this.marks.size > 0) return true;
    if (Array.isArray(this.data)) return (this.data as Value[]).some((v) => v.containsMarked);
    if (this.data instanceof Map) return [...this.data.values()].some((v) => v.containsMarked);
    return false;
  }

  withMarks(marks: Iterable<string>): Value {
    const next = new Set(this.marks);
    for (const m of marks) next.add(m);
    return next.size === this.marks.size ? this : new Value(this.type, this.data, next);
  }
  mark(mark: string): Value {
    return this.withMarks([mark]);
  }
  /** The value without its own (top-level) marks. */
  unmark(): Value {
    return this.marks.size === 0 ? this : new Value(this.type, this.data, NO_MARKS);
  }
  /** The value with every mark removed at every depth, and the union of all the marks. */
  unmarkDeep(): { value: Value; marks: Set<string> } {
    const marks = new Set<string>();
    // Nothing to strip: the value itself, not a copy (which would unshare its shared parts).
    if (!this.containsMarked) return { value: this, marks };
    const strip = (v: Value): Value => {
      for (const m of v.marks) marks.add(m);
      if (Array.isArray(v.data)) return new Value(v.type, (v.data as Value[]).map(strip), NO_MARKS);
      if (v.data instanceof Map) {
        const m = new Map<string, Value>();
        for (const [k, e] of v.data) m.set(k, strip(e));
        return new Value(v.type, m, NO_MARKS);
      }
      return v.unmark();
    };
    return { value: strip(this), marks };
  }

  private known(what: string): Exclude<Data, null | typeof UNKNOWN> {
    if (this.data === UNKNOWN) throw new ValueError(`value is not known yet; ${what} needs a known value`);
    if (this.data === null) throw new ValueError(`value is null; ${what} needs a non-null value`);
    return this.data;
  }

  asString(): string {
    const d = this.known('string access');
    if (typeof d !== 'string') throw new ValueError(`string required, got ${typeName(this.type)}`);
    return d;
  }
  asNumber(): BigNum {
    const d = this.known('number access');
    if (!(d instanceof BigNum)) throw new ValueError(`number required, got ${typeName(this.type)}`);
    return d;
  }
  asBool(): boolean {
    const d = this.known('bool access');
    if (typeof d !== 'boolean') throw new ValueError(`bool required, got ${typeName(this.type)}`);
    return d;
  }
  /** Elements of a known list, set or tuple, in order. */
  asArray(): readonly Value[] {
    const d = this.known('element access');
    if (!Array.isArray(d)) throw new ValueError(`list, set or tuple required, got ${typeName(this.type)}`);
    return d as readonly Value[];
  }
  /** Entries of a known map or object, sorted by key. */
  asMap(): ReadonlyMap<string, Value> {
    const d = this.known('attribute access');
    if (!(d instanceof Map)) throw new ValueError(`map or object required, got ${typeName(this.type)}`);
    return d;
  }
  private sized?: ValueSize;

  /**
   * How big the value is when written out: its nodes (itself and every element, attribute and
   * nested value) and the characters of its strings and attribute names. A part that appears
   * several times (a shared list, a YAML alias) counts each time.
   */
  get size(): ValueSize {
    if (this.sized) return this.sized;
    let nodes = 1;
    let chars = 0;
    if (typeof this.data === 'string') chars = this.data.length;
    else if (Array.isArray(this.data)) {
      for (const v of this.data as Value[]) {
        nodes += v.size.nodes;
        chars += v.size.chars;
      }
    } else if (this.data instanceof Map) {
      for (const [k, v] of this.data) {
        nodes += v.size.nodes;
        chars += v.size.chars + k.length;
      }
    }
    this.sized = { nodes, chars };
    return this.sized;
  }

  /** Number of elements/attributes of a known collection or structure. */
  get length(): number {
    const d = this.known('length');
    if (Array.isArray(d)) return d.length;
    if (d instanceof Map) return d.size;
    throw new ValueError(`collection or structure required, got ${typeName(this.type)}`);
  }
}

/** Union of the marks of several values. */
export function marksOf(...values: readonly Value[]): Set<string> {
  const out = new Set<string>();
  for (const v of values) for (const m of v.marks) out.add(m);
  return out;
}

export function stringVal(s: string): Value {
  return Value.create(STRING, s.normalize('NFC'));
}

/** A number from a JS number, a BigNum, or decimal text (exact, for arbitrary precision). */
export function numberVal(n: number | bigint | string | BigNum): Value {
  if (n instanceof BigNum) return Value.create(NUMBER, n);
  if (typeof n === 'bigint') return Value.create(NUMBER, BigNum.fromBigInt(n));
  if (typeof n === 'number') {
    if (Number.isNaN(n)) throw new ValueError('NaN is not a valid number');
    return Value.create(NUMBER, BigNum.fromNumber(n));
  }
  const parsed = BigNum.parse(n);
  if (!parsed) throw new ValueError(`"${n}" is not a valid number`);
  return Value.create(NUMBER, parsed);
}

export const TRUE = Value.create(BOOL, true);
export const FALSE = Value.create(BOOL, false);
export function boolVal(b: boolean): Value {
  return b ? TRUE : FALSE;
}

/** cty.DynamicVal: a value whose type and content are both unknown. */
export const DYNAMIC_VAL = Value.create(DYNAMIC, UNKNOWN);

export function nullVal(type: Type): Value {
  return Value.create(type, null);
}
export function unknownVal(type: Type): Value {
  return Value.create(type, UNKNOWN);
}

function checkUniform(kind: string, elements: readonly Value[], declared?: Type): Type {
  const first = elements[0];
  const t = declared ?? first?.type;
  if (!t) throw new ValueError(`an empty ${kind} needs an element type`);
  elements.forEach((e, i) => {
    if (!typeEquals(e.type, t)) {
      throw new ValueError(
        `inconsistent ${kind} element types: element ${i} is ${typeName(e.type)}, expected ${typeName(t)}`,
      );
    }
  });
  return t;
}

/** A list; all elements must have the same type. An empty list needs `elementType`. */
export function listVal(elements: readonly Value[], elementType?: Type): Value {
  const t = checkUniform('list', elements, elementType);
  return Value.create(listOf(t), [...elements]);
}

/** A set; duplicates are removed and elements ordered as cty orders sets. Element marks move to the set. */
export function setVal(elements: readonly Value[], elementType?: Type): Value {
  const t = checkUniform('set', elements, elementType);
  const marks = new Set<string>();
  const byKey = new Map<string, Value>();
  for (const e of elements) {
    const { value, marks: m } = e.unmarkDeep();
    for (const x of m) marks.add(x);
    const key = value.isKnown ? canonicalKey(value) : `?${byKey.size}`;
    if (!byKey.has(key)) byKey.set(key, value);
  }
  const sorted = [...byKey.values()].sort(compareSetElements);
  return Value.create(setOf(t), sorted, marks.size > 0 ? marks : NO_MARKS);
}

export function tupleVal(elements: readonly Value[]): Value {
  return Value.create(tupleOf(elements.map((e) => e.type)), [...elements]);
}

function sortedEntries(entries: Record<string, Value> | ReadonlyMap<string, Value>): Map<string, Value> {
  const list = entries instanceof Map ? [...entries.entries()] : Object.entries(entries);
  list.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(list);
}

/** A map; all elements must have the same type. An empty map needs `elementType`. */
export function mapVal(
  entries: Record<string, Value> | ReadonlyMap<string, Value>,
  elementType?: Type,
): Value {
  const m = sortedEntries(entries);
  const t = checkUniform('map', [...m.values()], elementType);
  return Value.create(mapOf(t), m);
}

export function objectVal(attributes: Record<string, Value> | ReadonlyMap<string, Value>): Value {
  const m = sortedEntries(attributes);
  const types: Record<string, Type> = {};
  for (const [k, v] of m) types[k] = v.type;
  return Value.create(objectOf(types), m);
}

export const EMPTY_OBJECT_VAL = objectVal({});
export const EMPTY_TUPLE_VAL = tupleVal([]);

/**
 * A canonical text of a known, unmarked value, equal for equal values: used to
 * deduplicate set elements and to order sets whose elements are not primitives.
 */
export function canonicalKey(v: Value): string {
  if (!v.isKnown) return '?';
  if (v.isNull) return 'null';
  switch (v.type.kind) {
    case 'string':
      return JSON.stringify(v.asString());
    case 'number':
      return `n${v.asNumber().toString()}`;
    case 'bool':
      return v.asBool() ? 'true' : 'false';
    case 'list':
    case 'set':
    case 'tuple':
      return `[${v.asArray().map(canonicalKey).join(',')}]`;
    case 'map':
    case 'object':
      return `{${[...v.asMap()].map(([k, e]) => `${JSON.stringify(k)}:${canonicalKey(e)}`).join(',')}}`;
    case 'dynamic':
      return '?';
  }
}

/** cty's set order: strings lexically, numbers numerically, false before true, unknowns last, else by canonical text. */
export function compareSetElements(a: Value, b: Value): number {
  if (!a.isKnown || !b.isKnown) return a.isKnown ? -1 : b.isKnown ? 1 : 0;
  if (a.isNull || b.isNull) return a.isNull ? (b.isNull ? 0 : 1) : -1;
  if (a.type.kind === 'string' && b.type.kind === 'string') {
    const x = a.asString();
    const y = b.asString();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.type.kind === 'number' && b.type.kind === 'number') return a.asNumber().cmp(b.asNumber());
  if (a.type.kind === 'bool' && b.type.kind === 'bool') return Number(a.asBool()) - Number(b.asBool());
  const x = canonicalKey(a);
  const y = canonicalKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
