import type { Diagnostic } from '../errors/diagnostic.ts';
import type { Attribute, Body } from './ast.ts';
import { readJsonBody, splitJsonAttributes } from './json/json-body.ts';

/**
 * The attributes and blocks of a body. Native bodies are already concrete; JSON bodies are
 * read with `blockLabels` (block type → number of labels): other properties are attributes.
 */
export function concreteBody(
  body: Body,
  blockLabels: ReadonlyMap<string, number> = new Map(),
): { body: Body; diagnostics: Diagnostic[] } {
  if (!body.json) return { body, diagnostics: [] };
  return readJsonBody(body, { blocks: blockLabels });
}

/** Takes the named attributes out of a body (e.g. a provisioner's `only`), leaving the rest. */
export function splitAttributes(
  body: Body,
  names: readonly string[],
): { picked: Attribute[]; rest: Body; diagnostics: Diagnostic[] } {
  if (body.json) return splitJsonAttributes(body, names);
  return {
    picked: body.attributes.filter((a) => names.includes(a.name)),
    rest: { ...body, attributes: body.attributes.filter((a) => !names.includes(a.name)) },
    diagnostics: [],
  };
}
