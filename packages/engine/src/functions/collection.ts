import {
  BOOL,
  DYNAMIC,
  NUMBER,
  STRING,
  type Type,
  type Value,
  ValueError,
  boolVal,
  canonicalKey,
  convert,
  equals,
  listOf,
  listVal,
  mapOf,
  mapVal,
  numberVal,
  objectOf,
  objectVal,
  setOf,
  setVal,
  stringVal,
  tupleOf,
  tupleVal,
  typeEquals,
  typeName,
  unify,
  unknownVal,
  checkCollectionLength,
} from '../values/index.ts';
import { arg, defineFunction, graphemes, param } from './define.ts';
import { ArgumentError, type KilnFunction } from './function.ts';

const isSequence = (t: Type) => t.kind === 'list' || t.kind === 'set' || t.kind === 'tuple';

function wholeNumber(v: Value, index: number, what: string): number {
  const n = v.asNumber().toSafeInteger();
  if (n === undefined) throw new ArgumentError(index, `${what} must be a whole number`);
  return n;
}

/** The element type of a list/set, or the unified element type of a tuple (dynamic when empty). */
function sequenceElementType(t: Type, index: number): Type {
  if (t.kind === 'list' || t.kind === 'set') return t.element;
  if (t.kind === 'tuple') {
    const u = unify(t.elements);
    if (u === null) throw new ArgumentError(index, 'all elements must have the same type');
    return u;
  }
  throw new ArgumentError(index, `a list, set or tuple is required, got ${typeName(t)}`);
}

/** Elements of a sequence converted to one element type. */
function elementsAs(v: Value, ety: Type): Value[] {
  return v.asArray().map((e) => convert(e, ety));
}

export function collectionFunctions(): KilnFunction[] {
  return [
    defineFunction('chunklist', {
      description: 'Splits a list into lists of at most the given size.',
      params: [param('list', listOf(DYNAMIC)), param('size', NUMBER)],
      returns: (args) => listOf(arg(args, 0).type),
      impl: (args, ret) => {
        const list = arg(args, 0);
        const size = wholeNumber(arg(args, 1), 1, 'size');
        if (size < 0) throw new ValueError('the size argument must be positive');
        const ety = ret.kind === 'list' ? ret.element : DYNAMIC;
        const elems = list.asArray();
        if (elems.length === 0) return listVal([], ety);
        if (size === 0) return listVal([list], ety);
        const chunks: Value[] = [];
        const inner = ety.kind === 'list' ? ety.element : DYNAMIC;
        for (let i = 0; i < elems.length; i += size) chunks.push(listVal(elems.slice(i, i + size), inner));
        return listVal(chunks, ety);
      },
    }),
    defineFunction('coalesce', {
      description: 'The first argument that is not null and not an empty string.',
      params: [],
      variadic: param('vals', DYNAMIC, { allowNull: true, allowUnknown: true, allowDynamicType: true }),
      returns: (args) => {
        const t = unify(args.map((a) => a.type));
        if (t === null) throw new ValueError('all arguments must have the same type');
        return t;
      },
      impl: (args, ret) => {
        for (const a of args) {
          const v = convert(a, ret);
          if (!v.isKnown) return unknownVal(ret);
          if (v.isNull) continue;
          if (v.type.kind === 'string' && v.asString() === '') continue;
          return v;
        }
        throw new ValueError('no non-null, non-empty-string arguments');
      },
    }),
    defineFunction('coalescelist', {
      description: 'The first argument that is a non-empty list.',
      params: [],
      variadic: param('vals', DYNAMIC, { allowNull: true, allowUnknown: true, allowDynamicType: true }),
      // cty's rules: any unknown argument makes the type dynamic; every other one must be a list or
      // a tuple (not a set, not a bare null); one common type, or dynamic when they differ.
      returns: (args) => {
        if (args.length === 0) throw new ValueError('at least one argument is required');
        if (args.some((a) => !a.isKnown)) return DYNAMIC;
        for (const a of args) {
          if (a.type.kind !== 'list' && a.type.kind !== 'tuple') {
            throw new ValueError('coalescelist arguments must be lists or tuples');
          }
        }
        const first = (args[0] as Value).type;
        return args.every((a) => typeEquals(a.type, first)) ? first : DYNAMIC;
      },
      impl: (args, ret) => {
        for (const a of args) {
          if (!a.isKnown) return unknownVal(ret);
          if (a.isNull || a.length === 0) continue;
          return a;
        }
        throw new ValueError('no non-null arguments');
      },
    }),
    defineFunction('compact', {
      description: 'Removes null and empty-string elements from a list of strings.',
      params: [param('list', listOf(STRING))],
      returns: listOf(STRING),
      impl: (args) =>
        listVal(
          arg(args, 0)
            .asArray()
            .filter((e) => !e.isNull && e.asString() !== ''),
          STRING,
        ),
    }),
    defineFunction('concat', {
      description: 'Joins lists or tuples into one sequence.',
      params: [],
      variadic: param('seqs', DYNAMIC),
      returns: (args) => {
        if (args.length === 0) throw new ValueError('at least one argument is required');
        for (const [i, a] of args.entries()) {
          if (a.type.kind !== 'list' && a.type.kind !== 'tuple') {
            throw new ArgumentError(i, `all arguments must be lists or tuples; got ${typeName(a.type)}`);
          }
        }
        const lists = args.map((a) => a.type).filter((t) => t.kind === 'list');
        if (lists.length === args.length) {
          const u = unify(lists);
          if (u !== null && u.kind === 'list') return u;
        }
        if (args.some((a) => !a.isKnown)) return DYNAMIC;
        return tupleOf(args.flatMap((a) => a.asArray().map((e) => e.type)));
      },
      impl: (args, ret) => {
        const all = args.flatMap((a) => [...a.asArray()]);
        if (ret.kind === 'list')
          return listVal(
            all.map((e) => convert(e, ret.element)),
            ret.element,
          );
        return tupleVal(all);
      },
    }),
    defineFunction('contains', {
      description: 'Whether a list, set or tuple contains a value.',
      params: [param('list', DYNAMIC), param('value', DYNAMIC)],
      returns: BOOL,
      impl: (args) => {
        const list = arg(args, 0);
        if (!isSequence(list.type)) throw new ArgumentError(0, 'argument must be list, tuple, or set');
        const value = arg(args, 1);
        let unknown = false;
        for (const e of list.asArray()) {
          const eq = equals(e, value);
          if (!eq.isKnown) unknown = true;
          else if (eq.asBool()) return boolVal(true);
        }
        return unknown ? unknownVal(BOOL) : boolVal(false);
      },
    }),
    defineFunction('distinct', {
      description: 'Removes duplicate elements from a list, keeping the first of each.',
      params: [param('list', listOf(DYNAMIC))],
      returns: (args) => arg(args, 0).type,
      impl: (args, ret) => {
        const seen = new Set<string>();
        const out: Value[] = [];
        for (const e of arg(args, 0).asArray()) {
          const k = canonicalKey(e);
          if (seen.has(k)) continue;
          seen.add(k);
          out.push(e);
        }
        return listVal(out, ret.kind === 'list' ? ret.element : DYNAMIC);
      },
    }),
    defineFunction('element', {
      description: 'The element at an index of a list or tuple, wrapping around past the end.',
      params: [param('list', DYNAMIC), param('index', NUMBER)],
      returns: (args) => {
        const list = arg(args, 0);
        const t = list.type;
        if (t.kind === 'list') return t.element;
        if (t.kind === 'tuple') {
          const idx = arg(args, 1);
          if (!idx.isKnown || t.elements.length === 0) return DYNAMIC;
          const i = idx.asNumber().toSafeInteger();
          if (i === undefined || i < 0) return DYNAMIC;
          return t.elements[i % t.elements.length] as Type;
        }
        if (t.kind === 'dynamic') return DYNAMIC;
        throw new ArgumentError(0, 'cannot read elements from a value that is not a list or tuple');
      },
      impl: (args) => {
        const elems = arg(args, 0).asArray();
        const i = wholeNumber(arg(args, 1), 1, 'index');
        if (i < 0) throw new ArgumentError(1, 'cannot use element function with a negative index');
        if (elems.length === 0) throw new ArgumentError(0, 'cannot use element function with an empty list');
        return elems[i % elems.length] as Value;
      },
    }),
    defineFunction('flatten', {
      description: 'Replaces nested lists, sets and tuples with their elements.',
      params: [param('list', DYNAMIC)],
      returns: (args) => {
        const list = arg(args, 0);
        if (!isSequence(list.type)) throw new ValueError('can only flatten lists, sets and tuples');
        if (!list.isWhollyKnown) return DYNAMIC;
        return tupleOf(flatten(list).map((e) => e.type));
      },
      impl: (args) => tupleVal(flatten(arg(args, 0))),
    }),
    defineFunction('index', {
      description: 'The index of the first element of a list or tuple equal to a value.',
      params: [param('list', DYNAMIC), param('value', DYNAMIC)],
      returns: NUMBER,
      impl: (args) => {
        const list = arg(args, 0);
        if (list.type.kind !== 'list' && list.type.kind !== 'tuple') {
          throw new ArgumentError(0, 'argument must be a list or tuple');
        }
        const elems = list.asArray();
        if (elems.length === 0) throw new ValueError('cannot search an empty list');
        for (const [i, e] of elems.entries()) {
          const eq = equals(e, arg(args, 1));
          if (!eq.isKnown) return unknownVal(NUMBER);
          if (eq.asBool()) return numberVal(i);
        }
        throw new ValueError('item not found');
      },
    }),
    defineFunction('keys', {
      description: 'The keys of a map or the attribute names of an object, sorted.',
      params: [param('inputMap', DYNAMIC, { allowUnknown: true })],
      returns: (args) => {
        const t = arg(args, 0).type;
        if (t.kind === 'map') return listOf(STRING);
        if (t.kind === 'object') return tupleOf(Object.keys(t.attributes).map(() => STRING));
        if (t.kind === 'dynamic') return DYNAMIC;
        throw new ArgumentError(0, 'must have map or object type');
      },
      impl: (args, ret) => {
        const m = arg(args, 0);
        if (m.type.kind === 'object') {
          return tupleVal(Object.keys(m.type.attributes).map(stringVal));
        }
        if (!m.isKnown) return unknownVal(ret);
        return listVal([...m.asMap().keys()].map(stringVal), STRING);
      },
    }),
    defineFunction('length', {
      description: 'The number of elements of a collection, or of characters of a string.',
      params: [param('value', DYNAMIC, { allowUnknown: true })],
      returns: (args) => {
        const k = arg(args, 0).type.kind;
        if (k === 'number' || k === 'bool') {
          throw new ArgumentError(0, 'argument must be a string, a collection type, or a structural type');
        }
        return NUMBER;
      },
      impl: (args) => {
        const v = arg(args, 0);
        const t = v.type;
        if (t.kind === 'tuple') return numberVal(t.elements.length);
        if (t.kind === 'object') return numberVal(Object.keys(t.attributes).length);
        if (!v.isKnown) return unknownVal(NUMBER);
        if (t.kind === 'string') {
          return numberVal(graphemes(v.asString()).length);
        }
        return numberVal(v.length);
      },
    }),
    defineFunction('lookup', {
      description: 'The value of a key in a map or object, or a default when the key is absent.',
      // Packer's lookup is cty's: the default is required and must not be null.
      params: [param('inputMap', DYNAMIC), param('key', STRING), param('default', DYNAMIC)],
      returns: (args) => {
        const m = arg(args, 0);
        const def = args[2];
        if (m.type.kind === 'map') {
          if (def === undefined) return m.type.element;
          const u = unify([m.type.element, def.type]);
          if (u === null)
            throw new ArgumentError(2, 'the default value must have the same type as the map elements');
          return u;
        }
        if (m.type.kind === 'object') {
          const key = arg(args, 1);
          if (!key.isKnown) return DYNAMIC;
          const at = m.type.attributes[key.asString()];
          if (at) return def === undefined ? at : (unify([at, def.type]) ?? DYNAMIC);
          return def?.type ?? DYNAMIC;
        }
        if (m.type.kind === 'dynamic') return DYNAMIC;
        throw new ArgumentError(0, 'lookup() requires a map as the first argument');
      },
      impl: (args, ret) => {
        const key = arg(args, 1).asString();
        const found = arg(args, 0).asMap().get(key);
        const out = found ?? args[2];
        if (out === undefined) throw new ValueError(`the given key "${key}" does not exist in the map`);
        return ret.kind === 'dynamic' ? out : convert(out, ret);
      },
    }),
    defineFunction('merge', {
      description: 'Merges maps or objects; later arguments win.',
      params: [],
      variadic: param('maps', DYNAMIC, { allowNull: true, allowDynamicType: true }),
      returns: (args) => {
        for (const a of args) {
          if (a.type.kind !== 'map' && a.type.kind !== 'object' && a.type.kind !== 'dynamic') {
            throw new ValueError(`arguments must be maps or objects, got "${typeName(a.type)}"`);
          }
        }
        const maps = args.filter((a) => !a.isNull);
        if (maps.length > 0 && maps.every((a) => a.type.kind === 'map')) {
          const u = unify(maps.map((a) => a.type));
          if (u !== null && u.kind === 'map') return u;
        }
        if (maps.some((a) => !a.isKnown)) return DYNAMIC;
        const attrs: Record<string, Type> = {};
        for (const a of maps) for (const [k, v] of a.asMap()) attrs[k] = v.type;
        return objectOf(attrs);
      },
      impl: (args, ret) => {
        const out = new Map<string, Value>();
        for (const a of args) {
          if (a.isNull) continue;
          for (const [k, v] of a.asMap()) out.set(k, v);
        }
        if (ret.kind === 'map') {
          const m = new Map<string, Value>();
          for (const [k, v] of out) m.set(k, convert(v, ret.element));
          return mapVal(m, ret.element);
        }
        return objectVal(out);
      },
    }),
    defineFunction('range', {
      description:
        'A list of numbers from start (default 0) up to but not including limit, by step (default 1).',
      params: [],
      variadic: param('params', NUMBER),
      returns: listOf(NUMBER),
      impl: (args) => {
        if (args.length < 1 || args.length > 3)
          throw new ValueError('must have one, two, or three arguments');
        const [a, b, c] = args.map((v) => v.asNumber());
        let start = numberVal(0).asNumber();
        let limit = a as NonNullable<typeof a>;
        let step = numberVal(1).asNumber();
        if (b !== undefined) {
          start = limit;
          limit = b;
        }
        if (c !== undefined) step = c;
        else if (limit.cmp(start) < 0) step = numberVal(-1).asNumber();
        if (step.isZero()) throw new ArgumentError(args.length - 1, 'step must not be zero');
        const down = step.sign() < 0;
        if (down && start.cmp(limit) < 0) {
          throw new ArgumentError(args.length - 1, 'step must be positive when start is less than limit');
        }
        if (!down && start.cmp(limit) > 0) {
          throw new ArgumentError(args.length - 1, 'step must be negative when start is greater than limit');
        }
        const out: Value[] = [];
        for (let v = start; down ? v.cmp(limit) > 0 : v.cmp(limit) < 0; v = v.add(step)) {
          if (out.length >= 1024)
            throw new ValueError(
              'more than 1024 values were generated; either decrease the difference between start and end or use a smaller step',
            );
          out.push(numberVal(v));
        }
        return listVal(out, NUMBER);
      },
    }),
    defineFunction('reverse', {
      description: 'The elements of a list or tuple in reverse order.',
      params: [param('list', DYNAMIC)],
      returns: (args) => {
        const t = arg(args, 0).type;
        if (t.kind === 'list') return t;
        if (t.kind === 'set') return listOf(t.element);
        if (t.kind === 'tuple') return tupleOf([...t.elements].reverse());
        if (t.kind === 'dynamic') return DYNAMIC;
        throw new ArgumentError(0, `can only reverse list or tuple values, not ${typeName(t)}`);
      },
      impl: (args, ret) => {
        const elems = [...arg(args, 0).asArray()].reverse();
        return ret.kind === 'list' ? listVal(elems, ret.element) : tupleVal(elems);
      },
    }),
    setFunction('setintersection', 'The elements present in every given set.', (sets) =>
      sets.slice(1).reduce((acc, s) => {
        const keys = new Set(s.map(canonicalKey));
        return acc.filter((e) => keys.has(canonicalKey(e)));
      }, sets[0] ?? []),
    ),
    setFunction('setunion', 'The elements present in any given set.', (sets) => sets.flat()),
    defineFunction('setproduct', {
      description: 'Every combination of one element from each given set or list.',
      params: [],
      variadic: param('sets', DYNAMIC),
      returns: (args) => {
        if (args.length < 2) throw new ValueError('at least two arguments are required');
        const etys = args.map((a, i) => sequenceElementType(a.type, i));
        // cty: a list only when every argument is a list (or tuple); any set makes it a set.
        const allLists = args.every((a) => a.type.kind === 'list' || a.type.kind === 'tuple');
        return allLists ? listOf(tupleOf(etys)) : setOf(tupleOf(etys));
      },
      impl: (args, ret) => {
        const ety = ret.kind === 'list' || ret.kind === 'set' ? ret.element : DYNAMIC;
        const etys = ety.kind === 'tuple' ? ety.elements : [];
        checkCollectionLength(
          args.reduce((n, a) => n * a.length, 1),
          'the product',
        );
        let combos: Value[][] = [[]];
        args.forEach((a, i) => {
          const elems = elementsAs(a, etys[i] ?? DYNAMIC);
          combos = combos.flatMap((c) => elems.map((e) => [...c, e]));
        });
        const tuples = combos.map((c) => tupleVal(c));
        return ret.kind === 'list' ? listVal(tuples, ety) : setVal(tuples, ety);
      },
    }),
    defineFunction('slice', {
      description: 'The elements of a list or tuple from start (inclusive) to end (exclusive).',
      params: [param('list', DYNAMIC), param('start_index', NUMBER), param('end_index', NUMBER)],
      returns: (args) => {
        const t = arg(args, 0).type;
        if (t.kind === 'list') return t;
        if (t.kind === 'tuple') {
          const s = arg(args, 1);
          const e = arg(args, 2);
          if (!s.isKnown || !e.isKnown) return DYNAMIC;
          const [from, to] = sliceBounds(t.elements.length, s, e);
          return tupleOf(t.elements.slice(from, to));
        }
        if (t.kind === 'dynamic') return DYNAMIC;
        throw new ArgumentError(0, 'must be a list or tuple value');
      },
      impl: (args, ret) => {
        const elems = arg(args, 0).asArray();
        const [from, to] = sliceBounds(elems.length, arg(args, 1), arg(args, 2));
        const out = elems.slice(from, to);
        return ret.kind === 'list' ? listVal(out, ret.element) : tupleVal(out);
      },
    }),
    defineFunction('sort', {
      description: 'A list of strings in lexicographical order.',
      params: [param('list', listOf(STRING))],
      returns: listOf(STRING),
      impl: (args) => {
        const elems = arg(args, 0).asArray();
        elems.forEach((e, i) => {
          if (e.isNull)
            throw new ArgumentError(0, `given list element ${i} is null; a null string cannot be sorted`);
        });
        const sorted = elems.map((e) => e.asString()).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        return listVal(sorted.map(stringVal), STRING);
      },
    }),
    defineFunction('sum', {
      description: 'The total of a list or set of numbers.',
      params: [param('list', DYNAMIC)],
      returns: NUMBER,
      impl: (args) => {
        const list = arg(args, 0);
        if (!isSequence(list.type)) throw new ArgumentError(0, 'argument must be list, set, or tuple');
        const elems = list.asArray();
        if (elems.length === 0) throw new ArgumentError(0, 'cannot sum an empty list');
        let total = numberVal(0).asNumber();
        elems.forEach((e, i) => {
          if (e.isNull)
            throw new ArgumentError(
              0,
              `argument must be list, set, or tuple of number values; element ${i} is null`,
            );
          let n: Value;
          try {
            n = convert(e, NUMBER);
          } catch {
            throw new ArgumentError(
              0,
              `argument must be list, set, or tuple of number values; element ${i} is ${typeName(e.type)}`,
            );
          }
          total = total.add(n.asNumber());
        });
        return numberVal(total);
      },
    }),
    defineFunction('values', {
      description: 'The values of a map or object, in key order.',
      params: [param('mapping', DYNAMIC)],
      returns: (args) => {
        const t = arg(args, 0).type;
        if (t.kind === 'map') return listOf(t.element);
        if (t.kind === 'object') return tupleOf(Object.values(t.attributes));
        if (t.kind === 'dynamic') return DYNAMIC;
        throw new ValueError('values() requires a map as the first argument');
      },
      impl: (args, ret) => {
        const vals = [...arg(args, 0).asMap().values()];
        return ret.kind === 'list' ? listVal(vals, ret.element) : tupleVal(vals);
      },
    }),
    defineFunction('zipmap', {
      description: 'A map from a list of keys and a list of values.',
      params: [param('keys', listOf(STRING)), param('values', DYNAMIC)],
      returns: (args) => {
        const vt = arg(args, 1).type;
        if (vt.kind === 'list') return mapOf(vt.element);
        if (vt.kind === 'tuple') {
          const keys = arg(args, 0);
          if (!keys.isWhollyKnown) return DYNAMIC;
          const names = keys.asArray().map((k) => k.asString());
          if (names.length !== vt.elements.length) {
            throw new ValueError(
              `number of keys (${names.length}) does not match number of values (${vt.elements.length})`,
            );
          }
          const attrs: Record<string, Type> = {};
          names.forEach((n, i) => {
            attrs[n] = vt.elements[i] as Type;
          });
          return objectOf(attrs);
        }
        if (vt.kind === 'dynamic') return DYNAMIC;
        throw new ArgumentError(1, 'values argument must be a list or tuple value');
      },
      impl: (args, ret) => {
        const keys = arg(args, 0).asArray();
        const vals = arg(args, 1).asArray();
        if (keys.length !== vals.length) {
          throw new ValueError(
            `number of keys (${keys.length}) does not match number of values (${vals.length})`,
          );
        }
        const out = new Map<string, Value>();
        keys.forEach((k, i) => {
          if (k.isNull) throw new ArgumentError(0, `keys list has null value at index ${i}`);
          out.set(k.asString(), vals[i] as Value);
        });
        return ret.kind === 'map' ? mapVal(out, ret.element) : objectVal(out);
      },
    }),
    defineFunction('alltrue', {
      description: 'Whether every element of a list of bools is true (true for an empty list).',
      params: [param('list', listOf(BOOL), { allowUnknown: true })],
      returns: BOOL,
      impl: (args) => {
        const list = arg(args, 0);
        if (!list.isKnown) return unknownVal(BOOL);
        let unknown = false;
        for (const e of list.asArray()) {
          if (!e.isKnown) unknown = true;
          else if (e.isNull || !e.asBool()) return boolVal(false);
        }
        return unknown ? unknownVal(BOOL) : boolVal(true);
      },
    }),
    defineFunction('anytrue', {
      description: 'Whether any element of a list of bools is true (false for an empty list).',
      params: [param('list', listOf(BOOL), { allowUnknown: true })],
      returns: BOOL,
      impl: (args) => {
        const list = arg(args, 0);
        if (!list.isKnown) return unknownVal(BOOL);
        let unknown = false;
        for (const e of list.asArray()) {
          if (!e.isKnown) unknown = true;
          else if (!e.isNull && e.asBool()) return boolVal(true);
        }
        return unknown ? unknownVal(BOOL) : boolVal(false);
      },
    }),
  ];
}

function flatten(v: Value): Value[] {
  return v.asArray().flatMap((e) => (isSequence(e.type) && !e.isNull ? flatten(e) : [e]));
}

function sliceBounds(length: number, start: Value, end: Value): [number, number] {
  const from = wholeNumber(start, 1, 'start_index');
  const to = wholeNumber(end, 2, 'end_index');
  if (from < 0) throw new ArgumentError(1, 'start index must not be less than zero');
  if (to > length) throw new ArgumentError(2, 'end index must not be greater than the length of the list');
  if (from > to) throw new ArgumentError(1, 'start index must not be greater than end index');
  return [from, to];
}

function setFunction(name: string, description: string, combine: (sets: Value[][]) => Value[]): KilnFunction {
  return defineFunction(name, {
    description,
    params: [param('first_set', setOf(DYNAMIC))],
    variadic: param('other_sets', setOf(DYNAMIC)),
    returns: (args) => {
      const u = unify(args.map((a) => a.type));
      if (u === null || u.kind !== 'set')
        throw new ValueError('given sets must all have compatible element types');
      return u;
    },
    impl: (args, ret) => {
      const ety = ret.kind === 'set' ? ret.element : DYNAMIC;
      return setVal(combine(args.map((a) => elementsAs(a, ety))), ety);
    },
  });
}
