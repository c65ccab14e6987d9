import { convert, unify } from './convert.ts';
import { ValueError } from './errors.ts';
import type { Type } from './types.ts';
import { type Value, listVal, mapVal, objectVal, setVal, tupleVal } from './value.ts';

/**
 * The defaults a type constraint declares, as a tree that mirrors the type (HCL's `typeexpr.Defaults`).
 * A node exists only where it or something below it has a default. `values` are the defaults of an
 * object's optional attributes; `children` are the nodes below: by attribute name for objects, by
 * position for tuples, and under `''` for the single element type of lists, sets and maps.
 */
interface Defaults {
  readonly type: Type;
  readonly values: ReadonlyMap<string, Value>;
  readonly children: ReadonlyMap<string, Defaults>;
}

/**
 * Fills in the defaults that `optional(T, default)` declares inside `type`, as HCL's
 * `Defaults.Apply` does before a value is converted to a variable's type: wherever the type has an
 * object with an optional attribute that has a default, and the value has that attribute missing
 * or null, the attribute gets the default (itself completed with the defaults nested below it).
 * This walks into nested objects and into the elements of lists, sets, maps and tuples.
 *
 * Null and unknown values are left alone (a null object does not become an object of defaults).
 * The result may still need `convert(result, type)`; this reports no errors: a value of the wrong
 * shape comes back as it is, for the conversion to reject. A list, set or map whose elements no
 * longer share a type once defaults are filled in becomes a tuple or an object, as in HCL.
 */
export function applyTypeDefaults(value: Value, type: Type): Value {
  const defaults = defaultsOf(type);
  return defaults ? apply(defaults, value) : value;
}

const cache = new WeakMap<Type, Defaults | null>();

function defaultsOf(type: Type): Defaults | undefined {
  const cached = cache.get(type);
  if (cached !== undefined) return cached ?? undefined;
  const built = buildDefaults(type);
  cache.set(type, built ?? null);
  return built;
}

function buildDefaults(type: Type): Defaults | undefined {
  const children = new Map<string, Defaults>();
  const values = new Map<string, Value>();
  switch (type.kind) {
    case 'list':
    case 'set':
    case 'map': {
      const element = defaultsOf(type.element);
      if (element) children.set('', element);
      break;
    }
    case 'tuple':
      type.elements.forEach((element, i) => {
        const child = defaultsOf(element);
        if (child) children.set(String(i), child);
      });
      break;
    case 'object':
      for (const [name, aty] of Object.entries(type.attributes)) {
        const child = defaultsOf(aty);
        if (child) children.set(name, child);
      }
      for (const [name, value] of Object.entries(type.defaults ?? {})) values.set(name, value);
      break;
    default:
      return undefined;
  }
  return values.size > 0 || children.size > 0 ? { type, values, children } : undefined;
}

function apply(defaults: Defaults, value: Value): Value {
  if (!value.isKnown || value.isNull) return value;
  const plain = value.unmark();
  const kind = plain.type.kind;
  let result: Value;
  switch (kind) {
    case 'list':
    case 'set':
    case 'tuple': {
      const elements = plain.asArray().map((element, i) => {
        const child = childAt(defaults, i);
        return child ? apply(child, element) : element;
      });
      if (kind !== 'tuple' && elements.length === 0) {
        result = plain;
        break;
      }
      const unified = kind === 'tuple' ? undefined : unifyElements(elements);
      if (unified)
        result =
          kind === 'list' ? listVal(unified.values, unified.type) : setVal(unified.values, unified.type);
      else result = tupleVal(elements);
      break;
    }
    case 'map':
    case 'object': {
      const entries = new Map<string, Value>();
      for (const [key, element] of plain.asMap()) {
        const child = childAt(defaults, key);
        entries.set(key, child ? apply(child, element) : element);
      }
      for (const [name, fallback] of defaults.values) {
        const current = entries.get(name);
        if (current !== undefined && !current.isNull) continue;
        const child = defaults.children.get(name);
        entries.set(name, child ? apply(child, fallback) : fallback);
      }
      if (kind === 'map' && entries.size === 0) {
        result = plain;
        break;
      }
      const unified = kind === 'map' ? unifyElements([...entries.values()]) : undefined;
      if (unified) {
        const keys = [...entries.keys()];
        result = mapVal(new Map(keys.map((k, i) => [k, unified.values[i] as Value])), unified.type);
      } else result = objectVal(entries);
      break;
    }
    default:
      return value;
  }
  return result.withMarks(value.marks);
}

/**
 * The defaults for one element: by position when the defaults describe a tuple, by name when they
 * describe an object, otherwise the single element defaults of a list, set or map (if any).
 */
function childAt(defaults: Defaults, key: number | string): Defaults | undefined {
  if (typeof key === 'number' && defaults.type.kind === 'tuple') return defaults.children.get(String(key));
  if (typeof key === 'string' && defaults.type.kind === 'object') return defaults.children.get(key);
  return defaults.children.get('');
}

/** The elements converted to one common type, or undefined when they have none (cty's `UnifyUnsafe`). */
function unifyElements(elements: readonly Value[]): { type: Type; values: Value[] } | undefined {
  const type = unify(elements.map((e) => e.type));
  if (type === null) return undefined;
  try {
    return { type, values: elements.map((e) => convert(e, type)) };
  } catch (error) {
    if (error instanceof ValueError) return undefined;
    throw error;
  }
}
