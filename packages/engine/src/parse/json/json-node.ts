import type { SourceRange } from '../../errors/diagnostic.ts';

export interface JsonProperty {
  name: string;
  nameRange: SourceRange;
  value: JsonNode;
}

export type JsonNode =
  | { kind: 'object'; properties: JsonProperty[]; range: SourceRange }
  | { kind: 'array'; items: JsonNode[]; range: SourceRange }
  | { kind: 'string'; value: string; range: SourceRange }
  | { kind: 'number'; text: string; range: SourceRange }
  | { kind: 'bool'; value: boolean; range: SourceRange }
  | { kind: 'null'; range: SourceRange };

export type JsonObjectNode = Extract<JsonNode, { kind: 'object' }>;
