import { convert } from './convert.ts';
import { ValueError } from './errors.ts';
import { DYNAMIC, NUMBER, STRING, type Type, typeName } from './types.ts';
import { DYNAMIC_VAL, type Value, marksOf, numberVal, stringVal, unknownVal } from './value.ts';

/**
 * `value.name` with HCL's rules (`hcl.GetAttr`): objects by attribute, maps by key; unknown
 * values give an unknown of the attribute's type. Marks of the container carry to the result.
 */
export function getAttr(value: Value, name: string): Value {
  const t = value.type;
  if (value.isNull) throw new ValueError('Attempt to get attribute from null value');
  if (t.kind === 'dynamic') return DYNAMIC_VAL.withMarks(value.marks);
  if (t.kind === 'object') {
    const at = t.attributes[name];
    if (!at) throw new ValueError(`This object does not have an attribute named "${name}"`);
    if (!value.isKnown) return unknownVal(at).withMarks(value.marks);
    return (value.unmark().asMap().get(name) as Value).withMarks(value.marks);
  }
  if (t.kind === 'map') {
    if (!value.isKnown) return unknownVal(t.element).withMarks(value.marks);
    const e = value.unmark().asMap().get(name);
    if (!e) throw new ValueError(`This map does not have an element with the key "${name}"`);
    return e.withMarks(value.marks);
  }
  throw new ValueError(
    `Can't access attributes on a value of type ${typeName(t)}; this value does not have any attributes`,
  );
}

/**
 * `collection[key]` with HCL's rules (`hcl.Index`): lists and tuples by whole number,
 * maps and objects by string; sets cannot be indexed. An unknown collection or key gives an
 * unknown result. Marks of both carry to the result.
 */
export function index(collection: Value, key: Value): Value {
  const marks = marksOf(collection, key);
  const t = collection.type;
  if (collection.isNull) throw new ValueError('Cannot index a null value');
  if (key.isNull) throw new ValueError("Can't use a null value as an indexing key");
  if (t.kind === 'dynamic') return DYNAMIC_VAL.withMarks(marks);
  const k = key.unmark();
  switch (t.kind) {
    case 'list':
    case 'tuple': {
      const nk = convertKey(k, NUMBER, 'number');
      if (!nk.isKnown || !collection.isKnown) {
        return unknownVal(t.kind === 'list' ? t.element : elementTypeOfTuple(t, nk)).withMarks(marks);
      }
      const n = nk.asNumber();
      const i = n.toSafeInteger();
      if (i === undefined)
        throw new ValueError(
          `The given key does not identify an element in this collection value: ${n.toString()} is not a whole number`,
        );
      const elems = collection.unmark().asArray();
      const e = elems[i];
      if (i < 0 || e === undefined) {
        throw new ValueError(
          `The given key does not identify an element in this collection value: the collection has ${elems.length} elements`,
        );
      }
      return e.withMarks(marks);
    }
    case 'map':
    case 'object': {
      const sk = convertKey(k, STRING, 'string');
      if (!sk.isKnown || !collection.isKnown) {
        if (t.kind === 'map') return unknownVal(t.element).withMarks(marks);
        if (sk.isKnown) {
          const at = t.attributes[sk.asString()];
          if (!at)
            throw new ValueError(`The given key does not identify an element in this collection value`);
          return unknownVal(at).withMarks(marks);
        }
        return DYNAMIC_VAL.withMarks(marks);
      }
      const e = collection.unmark().asMap().get(sk.asString());
      if (!e) throw new ValueError(`The given key does not identify an element in this collection value`);
      return e.withMarks(marks);
    }
    case 'set':
      throw new ValueError('Cannot index a set value; convert it to a list with tolist() first');
    default:
      throw new ValueError(`This value does not have any indices; ${typeName(t)} cannot be indexed`);
  }
}

function elementTypeOfTuple(t: Extract<Type, { kind: 'tuple' }>, key: Value): Type {
  if (!key.isKnown) return DYNAMIC;
  const i = key.asNumber().toSafeInteger();
  return (i !== undefined && t.elements[i]) || DYNAMIC;
}

function convertKey(key: Value, type: Type, name: string): Value {
  try {
    return convert(key, type);
  } catch {
    throw new ValueError(`The given key is not valid for this collection: a ${name} is required`);
  }
}

/**
 * The key/value pairs a `for` expression iterates: index → element for lists, tuples and
 * sets (a set's key is its element, as HCL does), key → element for maps and objects.
 * The collection must be known and not null.
 */
export function entriesOf(collection: Value): [Value, Value][] {
  const v = collection.unmark();
  if (v.isNull) throw new ValueError('A null value cannot be used as the collection in a for expression');
  if (!v.isKnown) throw new ValueError('value is not known yet');
  const marks = collection.marks;
  switch (v.type.kind) {
    case 'list':
    case 'tuple':
      return v.asArray().map((e, i) => [numberVal(i), e.withMarks(marks)]);
    case 'set':
      return v.asArray().map((e) => [e, e.withMarks(marks)]);
    case 'map':
    case 'object':
      return [...v.asMap()].map(([k, e]) => [stringVal(k), e.withMarks(marks)]);
    default:
      throw new ValueError(
        `A value of type ${typeName(v.type)} cannot be used as the collection in a for expression`,
      );
  }
}

/** True for types a `for` expression or splat can iterate. */
export function isIterable(t: Type): boolean {
  return ['list', 'set', 'tuple', 'map', 'object'].includes(t.kind);
}
