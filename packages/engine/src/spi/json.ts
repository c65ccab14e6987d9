/** A JSON-serialisable value: what crosses an activity boundary or lands in workflow history. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}
