import { ValueError, withPath } from './errors.ts';
import { BigNum } from './number.ts';
import {
  DYNAMIC,
  STRING,
  type Type,
  constraintName,
  isPrimitive,
  listOf,
  mapOf,
  objectOf,
  setOf,
  tupleOf,
  typeEquals,
  withoutOptionalAttributes,
} from './types.ts';
import {
  FALSE,
  TRUE,
  type Value,
  listVal,
  mapVal,
  nullVal,
  numberVal,
  objectVal,
  setVal,
  stringVal,
  tupleVal,
  unknownVal,
} from './value.ts';

/**
 * Converts a value to a type with cty's rules (`convert.Convert`):
 * - number and bool convert to string (safe); string converts to number and to bool
 *   (`"true"`/`"false"`/`"1"`/`"0"`) when its content allows (unsafe);
 * - tuple/list/set convert to list, set or tuple element by element; object/map to map
 *   or object; `list(any)`/`map(any)` unify the element types first;
 * - object targets drop extra attributes and require the others unless optional (a missing
 *   optional attribute becomes null: defaults from `optional(T, default)` are applied beforehand,
 *   by `applyTypeDefaults`); the result's type has no optional markers;
 * - null and unknown values convert to null/unknown of the target when the types allow.
 * Marks are kept. Throws ValueError (with the path to the failing element) when no conversion exists.
 */
export function convert(value: Value, target: Type): Value {
  if (conforms(value.type, target)) return value;
  if (value.isMarked) return convert(value.unmark(), target).withMarks(value.marks);

  if (!value.isKnown || value.isNull) {
    if (value.type.kind !== 'dynamic') checkTypeConversion(value.type, target);
    const resultType = withoutOptionalAttributes(target);
    return value.isNull ? nullVal(resultType) : unknownVal(resultType);
  }

  const from = value.type;
  // cty finds the conversion from the types first: an empty list of objects is no list of bools.
  if ((from.kind === 'list' || from.kind === 'set' || from.kind === 'map') && value.length === 0)
    checkTypeConversion(from, target);
  if (isPrimitive(target)) {
    if (!isPrimitive(from)) throw new ValueError(`${constraintName(target)} required`);
    return convertPrimitive(value, target.kind);
  }

  switch (target.kind) {
    case 'list':
    case 'set': {
      if (from.kind !== 'list' && from.kind !== 'set' && from.kind !== 'tuple') {
        throw new ValueError(`${constraintName(target)} required`);
      }
      const elements = value.asArray();
      const ety = target.element.kind === 'dynamic' ? unifyElements(elements, target.kind) : target.element;
      // Elements all of the dynamic type (nulls, unknowns) stay as they are, as in cty.
      if (ety === undefined)
        return target.kind === 'list' ? listVal(elements, DYNAMIC) : setVal(elements, DYNAMIC);
      const converted = elements.map((e, i) => withPath({ index: i }, () => convert(e, ety)));
      const resultEty = withoutOptionalAttributes(ety);
      return target.kind === 'list' ? listVal(converted, resultEty) : setVal(converted, resultEty);
    }
    case 'map': {
      if (from.kind !== 'map' && from.kind !== 'object')
        throw new ValueError(`${constraintName(target)} required`);
      const entries = value.asMap();
      const ety =
        target.element.kind === 'dynamic' ? unifyElements([...entries.values()], 'map') : target.element;
      if (ety === undefined) return mapVal(entries, DYNAMIC);
      const out = new Map<string, Value>();
      for (const [k, e] of entries)
        out.set(
          k,
          withPath({ index: k }, () => convert(e, ety)),
        );
      return mapVal(out, withoutOptionalAttributes(ety));
    }
    case 'tuple': {
      if (from.kind !== 'list' && from.kind !== 'set' && from.kind !== 'tuple')
        throw new ValueError('tuple required');
      const elements = value.asArray();
      if (elements.length !== target.elements.length) {
        throw new ValueError(`tuple required with exactly ${target.elements.length} elements`);
      }
      return tupleVal(
        elements.map((e, i) => withPath({ index: i }, () => convert(e, target.elements[i] as Type))),
      );
    }
    case 'object': {
      if (from.kind !== 'map' && from.kind !== 'object') throw new ValueError('object required');
      const entries = value.asMap();
      const out = new Map<string, Value>();
      for (const [name, aty] of Object.entries(target.attributes)) {
        const src = entries.get(name);
        if (src === undefined) {
          if (target.optional?.has(name)) out.set(name, nullVal(withoutOptionalAttributes(aty)));
          else throw new ValueError(`attribute "${name}" is required`);
        } else {
          out.set(
            name,
            withPath({ attribute: name }, () => convert(src, aty)),
          );
        }
      }
      return objectVal(out);
    }
    case 'dynamic':
      return value;
  }
}

/** True when `convert(value, target)` would succeed. */
export function canConvert(value: Value, target: Type): boolean {
  return succeeds(() => convert(value, target));
}

/** Whether `fn` runs without a ValueError. */
function succeeds(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch (error) {
    if (error instanceof ValueError) return false;
    throw error;
  }
}

/** The type already satisfies the target: equal, with dynamic in the target matching anything. */
export function conforms(from: Type, to: Type): boolean {
  if (to.kind === 'dynamic') return true;
  switch (to.kind) {
    case 'list':
    case 'set':
    case 'map':
      return from.kind === to.kind && conforms(from.element, to.element);
    case 'tuple':
      return (
        from.kind === 'tuple' &&
        from.elements.length === to.elements.length &&
        from.elements.every((t, i) => conforms(t, to.elements[i] as Type))
      );
    case 'object': {
      if (from.kind !== 'object') return false;
      const names = Object.keys(to.attributes);
      if (Object.keys(from.attributes).length !== names.length) return false;
      return names.every((n) => {
        const f = from.attributes[n];
        return f !== undefined && conforms(f, to.attributes[n] as Type);
      });
    }
    default:
      return from.kind === to.kind;
  }
}

function convertPrimitive(value: Value, to: 'string' | 'number' | 'bool'): Value {
  const from = value.type.kind;
  if (from === to) return value;
  if (to === 'string') {
    if (from === 'number') return stringVal(value.asNumber().toString());
    return stringVal(value.asBool() ? 'true' : 'false');
  }
  if (to === 'number') {
    if (from !== 'string') throw new ValueError('number required');
    const n = BigNum.parse(value.asString());
    if (!n) throw new ValueError('a number is required');
    return numberVal(n);
  }
  if (from !== 'string') throw new ValueError('bool required');
  const s = value.asString();
  switch (s) {
    case 'true':
    case '1':
      return TRUE;
    case 'false':
    case '0':
      return FALSE;
  }
  const lower = s.toLowerCase();
  if (lower === 'true' || lower === 'false') {
    throw new ValueError(`a bool is required; to convert from string, use lowercase "${lower}"`);
  }
  throw new ValueError('a bool is required');
}

/** Throws when no value of `from` could ever convert to `to` (used for null and unknown values). */
function checkTypeConversion(from: Type, to: Type): void {
  if (to.kind === 'dynamic' || from.kind === 'dynamic' || typeEquals(from, to)) return;
  if (isPrimitive(to)) {
    if (!isPrimitive(from)) throw new ValueError(`${constraintName(to)} required`);
    if (from.kind !== 'string' && to.kind !== 'string') throw new ValueError(`${to.kind} required`);
    return;
  }
  switch (to.kind) {
    case 'list':
    case 'set':
      if (from.kind === 'list' || from.kind === 'set') {
        checkTypeConversion(from.element, to.element);
        return;
      }
      if (from.kind === 'tuple') {
        from.elements.forEach((t, i) => {
          withPath({ index: i }, () => checkTypeConversion(t, to.element));
        });
        return;
      }
      break;
    case 'map':
      if (from.kind === 'map') {
        checkTypeConversion(from.element, to.element);
        return;
      }
      if (from.kind === 'object') {
        for (const [k, t] of Object.entries(from.attributes)) {
          withPath({ attribute: k }, () => checkTypeConversion(t, to.element));
        }
        return;
      }
      break;
    case 'tuple':
      if (from.kind === 'list' || from.kind === 'set') return;
      if (from.kind === 'tuple' && from.elements.length === to.elements.length) {
        from.elements.forEach((t, i) => {
          withPath({ index: i }, () => checkTypeConversion(t, to.elements[i] as Type));
        });
        return;
      }
      break;
    case 'object':
      if (from.kind === 'map') return;
      if (from.kind === 'object') {
        for (const [k, t] of Object.entries(to.attributes)) {
          const src = from.attributes[k];
          if (src) withPath({ attribute: k }, () => checkTypeConversion(src, t));
          else if (!to.optional?.has(k)) throw new ValueError(`attribute "${k}" is required`);
        }
        return;
      }
      break;
  }
  throw new ValueError(`${constraintName(to)} required`);
}

/** The element type for a `list(any)`-like target, or undefined when some element's type is unknown. */
function unifyElements(elements: readonly Value[], kind: 'list' | 'set' | 'map'): Type | undefined {
  if (elements.length === 0) return DYNAMIC;
  const t = unify(elements.map((e) => e.type));
  if (t === null) {
    throw new ValueError(
      kind === 'map'
        ? 'all map elements must have the same type'
        : `all ${kind} elements must have the same type`,
    );
  }
  return t.kind === 'dynamic' ? undefined : t;
}

/**
 * A single type every given type converts to (cty's `convert.Unify`), or null when there is none.
 * Mixed primitives unify to string; objects to an object (same attributes) or a map; tuples
 * to a tuple (same length) or a list; dynamic types take the type of the others (dynamic when all are).
 */
export function unify(allTypes: readonly Type[]): Type | null {
  // The dynamic pseudo-type converts to anything, so it never decides the result.
  const types = allTypes.filter((t) => t.kind !== 'dynamic');
  if (types.length === 0) return DYNAMIC;
  const first = types[0] as Type;
  if (types.every((t) => typeEquals(t, first))) return first;

  if (types.every(isPrimitive)) {
    const hasString = types.some((t) => t.kind === 'string');
    return hasString ? STRING : null;
  }
  if (types.every((t) => t.kind === 'object' || t.kind === 'map')) {
    const objects = types.filter((t): t is Extract<Type, { kind: 'object' }> => t.kind === 'object');
    if (objects.length === types.length) {
      const names = Object.keys(objects[0]?.attributes ?? {});
      const same = objects.every((o) => {
        const k = Object.keys(o.attributes);
        return k.length === names.length && names.every((n) => n in o.attributes);
      });
      if (same) {
        const attrs: Record<string, Type> = {};
        for (const n of names) {
          const t = unify(objects.map((o) => o.attributes[n] as Type));
          if (t === null) return null;
          attrs[n] = t;
        }
        return objectOf(attrs);
      }
    }
    const elementTypes = types.flatMap((t) =>
      t.kind === 'object' ? Object.values(t.attributes) : t.kind === 'map' ? [t.element] : [],
    );
    const e = unify(elementTypes);
    return e === null ? null : mapOf(e);
  }
  if (types.every((t) => t.kind === 'tuple' || t.kind === 'list')) {
    const tuples = types.filter((t): t is Extract<Type, { kind: 'tuple' }> => t.kind === 'tuple');
    const len = tuples[0]?.elements.length;
    if (tuples.length === types.length && tuples.every((t) => t.elements.length === len)) {
      const elems: Type[] = [];
      for (let i = 0; i < (len ?? 0); i++) {
        const t = unify(tuples.map((x) => x.elements[i] as Type));
        if (t === null) return null;
        elems.push(t);
      }
      return tupleOf(elems);
    }
    const elementTypes = types.flatMap((t) =>
      t.kind === 'tuple' ? [...t.elements] : t.kind === 'list' ? [t.element] : [],
    );
    const e = unify(elementTypes);
    return e === null ? null : listOf(e);
  }
  if (types.every((t) => t.kind === 'set')) {
    const e = unify(types.map((t) => (t.kind === 'set' ? t.element : DYNAMIC)));
    return e === null ? null : setOf(e);
  }
  // Otherwise, as cty: the first of the types that all the others convert to (a set of strings
  // for a set of strings and a tuple of numbers).
  if (types.some((t) => t.kind === 'object') && types.some((t) => t.kind === 'tuple')) return null;
  // cty prefers the collection types (list, set, map) to the structural ones (tuple, object).
  const structural = (t: Type) => t.kind === 'tuple' || t.kind === 'object';
  const candidates = [...types.filter((t) => !structural(t)), ...types.filter(structural)];
  return candidates.find((target) => types.every((t) => convertsTo(t, target))) ?? null;
}

function convertsTo(from: Type, to: Type): boolean {
  return succeeds(() => checkTypeConversion(from, to));
}

/**
 * Converts all values to their unified type (as HCL does for the branches of a conditional
 * and the elements of `concat`). Throws ValueError when the types do not unify.
 */
export function unifyValues(values: readonly Value[]): { type: Type; values: Value[] } {
  const t = unify(values.map((v) => v.type));
  if (t === null) throw new ValueError('the values have inconsistent types');
  return { type: t, values: values.map((v) => convert(v, t)) };
}
