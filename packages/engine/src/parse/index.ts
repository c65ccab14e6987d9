import type { Diagnostic } from '../errors/diagnostic.ts';
import type { ParsedFile } from './ast.ts';
import { parseJsonFile } from './json/json-body.ts';
import { parseNativeFile } from './native/index.ts';

export type * from './ast.ts';
export { concreteBody, splitAttributes } from './body.ts';
export type { JsonNode, JsonObjectNode, JsonProperty } from './json/json-node.ts';
export { parseJsonFile } from './json/json-body.ts';
export { parseNativeExpression, parseNativeFile, parseNativeTemplate } from './native/index.ts';

/** Parses one file: HCL JSON syntax for names ending in `.json`, native syntax otherwise. */
export function parseFile(
  filename: string,
  content: string,
): { file: ParsedFile; diagnostics: Diagnostic[] } {
  if (filename.endsWith('.json')) {
    const { body, diagnostics } = parseJsonFile(content, filename);
    return { file: { filename, body }, diagnostics };
  }
  return parseNativeFile(content, filename);
}
