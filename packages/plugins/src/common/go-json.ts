import { jsonString } from '@kiln/engine';

/**
 * A JSON value whose objects keep the field order of the Go struct they stand for: Go's
 * `encoding/json` writes struct fields in declaration order and map keys sorted.
 */
export type GoJson =
  | null
  | boolean
  | number
  | string
  | GoJson[]
  | { fields: [name: string, value: GoJson][] };

/** Go's `json.MarshalIndent(value, "", "  ")`: HTML-safe string escapes, no final line break. */
export function marshalIndentGo(value: GoJson, indent = ''): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') return jsonString(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + marshalIndentGo(item, inner)).join(',\n')}\n${indent}]`;
  }
  if (value.fields.length === 0) return '{}';
  const fields = value.fields.map(
    ([name, item]) => `${inner}${jsonString(name)}: ${marshalIndentGo(item, inner)}`,
  );
  return `{\n${fields.join(',\n')}\n${indent}}`;
}

/** A Go map as `encoding/json` writes it: keys sorted by their UTF-8 bytes. */
export function goMap(entries: Record<string, GoJson>): GoJson {
  const keys = Object.keys(entries).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return { fields: keys.map((key) => [key, entries[key] ?? null]) };
}
