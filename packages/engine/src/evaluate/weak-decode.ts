import { formatFloat } from '../go-template/value.ts';
import type { SettingType } from '../spi/plugin.ts';
import { type Value, boolVal, numberVal, objectVal, stringVal, tupleVal } from '../values/value.ts';

/**
 * A legacy JSON plugin setting as Packer's plugins decode it: `config.Decode` runs mapstructure
 * with `WeaklyTypedInput` and the hooks `StringToSliceHookFunc(",")` and
 * `StringToTimeDurationHookFunc`. So a string is a list split at commas (`"a,b"` is
 * `["a", "b"]`, `""` is `[]`), any other scalar is a one-item list, a boolean is the string
 * `"1"` or `"0"`, a number is its decimal text, and strings and numbers are booleans
 * (`strconv.ParseBool`, `""` false, non-zero true). What weak decoding cannot convert is
 * returned as it is, for the usual conversion to report.
 */
export function weakSettingValue(value: Value, type: Exclude<SettingType, 'block'>): Value {
  if (!value.isKnown || value.isNull) return value;
  return WEAK[type](value.unmark()).withMarks(value.marks);
}

const WEAK: Record<Exclude<SettingType, 'block'>, (v: Value) => Value> = {
  string: weakString,
  duration: weakDuration,
  number: weakNumber,
  bool: weakBool,
  'list(string)': weakStringList,
  'map(string)': weakStringMap,
  any: (v) => v,
};

/** A time.Duration is an int64: a number is a count of nanoseconds, a boolean 1 or 0 of them. */
function weakDuration(v: Value): Value {
  if (v.type.kind === 'number') return stringVal(`${Math.trunc(v.asNumber().toNumber())}ns`);
  if (v.type.kind === 'bool') return stringVal(v.asBool() ? '1ns' : '0ns');
  return v;
}

function isScalar(v: Value): boolean {
  const kind = v.type.kind;
  return kind === 'string' || kind === 'number' || kind === 'bool';
}

/** mapstructure's decodeString: booleans are "1"/"0", numbers (float64) `FormatFloat(f, 'f', -1)`. */
function weakString(v: Value): Value {
  if (!v.isKnown || v.isNull) return v;
  if (v.type.kind === 'bool') return stringVal(v.asBool() ? '1' : '0');
  if (v.type.kind === 'number') return stringVal(formatFloat(v.asNumber().toNumber(), 'f', -1));
  return v;
}

function weakNumber(v: Value): Value {
  if (v.type.kind === 'bool') return numberVal(v.asBool() ? 1 : 0);
  if (v.type.kind === 'string' && v.asString() === '') return numberVal(0);
  return v;
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False', '']);

function weakBool(v: Value): Value {
  if (v.type.kind === 'number') return boolVal(!v.asNumber().isZero());
  if (v.type.kind !== 'string') return v;
  const s = v.asString();
  if (GO_TRUE.has(s)) return boolVal(true);
  if (GO_FALSE.has(s)) return boolVal(false);
  return v;
}

function weakStringList(v: Value): Value {
  const kind = v.type.kind;
  if (kind === 'string') {
    const s = v.asString();
    return tupleVal(s === '' ? [] : s.split(',').map(stringVal));
  }
  if (isScalar(v)) return tupleVal([weakString(v)]);
  if (kind === 'list' || kind === 'tuple' || kind === 'set') return tupleVal(v.asArray().map(weakString));
  // An empty map is an empty list; any other map is a one-item list, which conversion refuses.
  if ((kind === 'object' || kind === 'map') && v.asMap().size === 0) return tupleVal([]);
  return v;
}

function weakStringMap(v: Value): Value {
  const kind = v.type.kind;
  if (kind === 'object' || kind === 'map') {
    const entries = new Map<string, Value>();
    for (const [k, item] of v.asMap()) entries.set(k, weakString(item));
    return objectVal(entries);
  }
  // A list of maps is merged into one map (decodeMapFromSlice); an empty list is an empty map.
  if (kind === 'list' || kind === 'tuple') {
    const items = v.asArray();
    if (!items.every((i) => i.isKnown && !i.isNull && (i.type.kind === 'object' || i.type.kind === 'map')))
      return v;
    const entries = new Map<string, Value>();
    for (const item of items) for (const [k, e] of item.asMap()) entries.set(k, weakString(e));
    return objectVal(entries);
  }
  return v;
}
