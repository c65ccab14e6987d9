import type { JsonValue } from '../spi/json.ts';
import { ValueError } from '../values/errors.ts';
import type { Value } from '../values/value.ts';

/**
 * Converts a wholly known value into plain JSON for a plugin's configuration.
 * `unknown` decides what an unknown value becomes (by default: a ValueError).
 */
export function valueToJson(value: Value, unknown?: (value: Value) => JsonValue): JsonValue {
  if (!value.isKnown) {
    if (unknown) return unknown(value);
    throw new ValueError('value is not known yet');
  }
  if (value.isNull) return null;
  const plain = value.unmark();
  switch (plain.type.kind) {
    case 'string':
      return plain.asString();
    case 'bool':
      return plain.asBool();
    case 'number': {
      const n = plain.asNumber();
      if (n.isInfinite()) throw new ValueError('infinite numbers cannot be passed to a plugin');
      return n.toNumber();
    }
    case 'list':
    case 'set':
    case 'tuple':
      return plain.asArray().map((v, i) => {
        try {
          return valueToJson(v, unknown);
        } catch (error) {
          throw error instanceof ValueError ? error.under({ index: i }) : error;
        }
      });
    case 'map':
    case 'object': {
      const out: Record<string, JsonValue> = {};
      for (const [k, v] of plain.asMap()) {
        try {
          out[k] = valueToJson(v, unknown);
        } catch (error) {
          throw error instanceof ValueError ? error.under({ attribute: k }) : error;
        }
      }
      return out;
    }
    default:
      throw new ValueError('a value of dynamic type cannot be passed to a plugin');
  }
}
