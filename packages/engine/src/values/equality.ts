import type { Type } from './types.ts';
import { typeEquals } from './types.ts';
import { DYNAMIC_VAL, FALSE, TRUE, type Value, boolVal, marksOf, unknownVal } from './value.ts';
import { BOOL } from './types.ts';

/**
 * cty's `Value.Equals`, the `==` operator: a bool value, unknown when the answer depends on
 * something unknown. Values of different types are not equal (no conversion), null equals
 * only null, collections compare element by element. Marks of both operands are kept.
 */
export function equals(a: Value, b: Value): Value {
  const marks = marksOf(a, b);
  return equalsUnmarked(a.unmarkDeep().value, b.unmarkDeep().value).withMarks(marks);
}

export function notEquals(a: Value, b: Value): Value {
  const eq = equals(a, b);
  if (!eq.isKnown) return eq;
  return boolVal(!eq.unmark().asBool()).withMarks(eq.marks);
}

function equalsUnmarked(a: Value, b: Value): Value {
  if (a.isKnown && b.isKnown) {
    if (a.isNull || b.isNull) return boolVal(a.isNull && b.isNull);
  } else {
    // A known null against an unknown of a definite non-null-able shape is still unknown.
    return unknownVal(BOOL);
  }
  if (!typeEquals(a.type, b.type)) {
    return a.type.kind === 'dynamic' || b.type.kind === 'dynamic' ? unknownVal(BOOL) : FALSE;
  }
  return compareSameType(a, b, a.type);
}

function compareSameType(a: Value, b: Value, t: Type): Value {
  switch (t.kind) {
    case 'string':
      return boolVal(a.asString() === b.asString());
    case 'number':
      return boolVal(a.asNumber().equals(b.asNumber()));
    case 'bool':
      return boolVal(a.asBool() === b.asBool());
    case 'list':
    case 'tuple':
    case 'set': {
      const x = a.asArray();
      const y = b.asArray();
      if (x.length !== y.length) return FALSE;
      return allOf(x.map((e, i) => equalsUnmarked(e, y[i] as Value)));
    }
    case 'map':
    case 'object': {
      const x = a.asMap();
      const y = b.asMap();
      if (x.size !== y.size) return FALSE;
      const results: Value[] = [];
      for (const [k, e] of x) {
        const other = y.get(k);
        if (other === undefined) return FALSE;
        results.push(equalsUnmarked(e, other));
      }
      return allOf(results);
    }
    case 'dynamic':
      return DYNAMIC_VAL;
  }
}

function allOf(results: readonly Value[]): Value {
  let unknown = false;
  for (const r of results) {
    if (!r.isKnown) unknown = true;
    else if (!r.asBool()) return FALSE;
  }
  return unknown ? unknownVal(BOOL) : TRUE;
}

/**
 * Exact identity (cty's `RawEquals`): same type, same knownness and nullness, same marks,
 * same content. For tests and caches, not for the `==` operator.
 */
export function rawEquals(a: Value, b: Value): boolean {
  if (!typeEquals(a.type, b.type)) return false;
  if (a.marks.size !== b.marks.size || [...a.marks].some((m) => !b.marks.has(m))) return false;
  if (a.isKnown !== b.isKnown || a.isNull !== b.isNull) return false;
  if (!a.isKnown || a.isNull) return true;
  switch (a.type.kind) {
    case 'string':
      return a.asString() === b.asString();
    case 'number':
      return a.asNumber().equals(b.asNumber());
    case 'bool':
      return a.asBool() === b.asBool();
    case 'list':
    case 'set':
    case 'tuple': {
      const x = a.asArray();
      const y = b.asArray();
      return x.length === y.length && x.every((e, i) => rawEquals(e, y[i] as Value));
    }
    case 'map':
    case 'object': {
      const x = a.asMap();
      const y = b.asMap();
      if (x.size !== y.size) return false;
      for (const [k, e] of x) {
        const o = y.get(k);
        if (o === undefined || !rawEquals(e, o)) return false;
      }
      return true;
    }
    case 'dynamic':
      return true;
  }
}
