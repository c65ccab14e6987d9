import type { SourceRange } from '../errors/diagnostic.ts';
import type { BinaryOperator, UnaryOperator } from '../values/operators.ts';
import type { Value } from '../values/value.ts';
import type { JsonObjectNode } from './json/json-node.ts';

interface Node {
  range: SourceRange;
}

export interface LiteralExpr extends Node {
  kind: 'literal';
  value: null | boolean | string;
}

/** A number literal; `text` keeps the source digits for arbitrary precision. */
export interface NumberExpr extends Node {
  kind: 'number';
  text: string;
}

export interface VariableExpr extends Node {
  kind: 'variable';
  name: string;
}

export interface GetAttrExpr extends Node {
  kind: 'get-attr';
  object: Expression;
  name: string;
  nameRange: SourceRange;
}

export interface IndexExpr extends Node {
  kind: 'index';
  collection: Expression;
  key: Expression;
  /** `a.0` rather than `a[0]`. */
  legacy: boolean;
}

/** `source.*.attr` or `source[*].attr[0]`: `each` is evaluated once per element, with `splat-item` bound to it. */
export interface SplatExpr extends Node {
  kind: 'splat';
  source: Expression;
  each: Expression;
  full: boolean;
}

export interface SplatItemExpr extends Node {
  kind: 'splat-item';
}

export interface FunctionCallExpr extends Node {
  kind: 'call';
  name: string;
  nameRange: SourceRange;
  args: Expression[];
  /** The final argument ends in `...` and expands into several arguments. */
  expandFinal: boolean;
}

export interface ConditionalExpr extends Node {
  kind: 'conditional';
  condition: Expression;
  trueResult: Expression;
  falseResult: Expression;
}

export interface BinaryExpr extends Node {
  kind: 'binary';
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
}

export interface UnaryExpr extends Node {
  kind: 'unary';
  operator: UnaryOperator;
  operand: Expression;
}

export interface TupleExpr extends Node {
  kind: 'tuple';
  items: Expression[];
}

export interface ObjectItem {
  /** A bare identifier key is a `literal` string; `(expr)` and other keys are expressions. */
  key: Expression;
  value: Expression;
}

export interface ObjectExpr extends Node {
  kind: 'object';
  items: ObjectItem[];
}

export interface ForExpr extends Node {
  kind: 'for';
  keyVar?: string;
  valueVar: string;
  collection: Expression;
  /** Present for object `for` expressions (`{for k, v in x : k => v}`). */
  keyExpr?: Expression;
  valueExpr: Expression;
  condition?: Expression;
  /** Object `for` with `...`: values of equal keys are grouped into tuples. */
  grouping: boolean;
}

export interface ParensExpr extends Node {
  kind: 'parens';
  expr: Expression;
}

export type TemplatePart =
  | { kind: 'literal'; text: string; range: SourceRange }
  | { kind: 'interpolation'; expr: Expression; range: SourceRange }
  | {
      kind: 'if';
      condition: Expression;
      thenParts: TemplatePart[];
      elseParts: TemplatePart[];
      range: SourceRange;
    }
  | {
      kind: 'for';
      keyVar?: string;
      valueVar: string;
      collection: Expression;
      body: TemplatePart[];
      range: SourceRange;
    };

/** A quoted string or heredoc with interpolations and directives. */
export interface TemplateExpr extends Node {
  kind: 'template';
  parts: TemplatePart[];
  heredoc: boolean;
}

/**
 * An expression with extra variables in scope: the iterator of a `dynamic` block, bound when the
 * block was expanded, while the expression's other references are evaluated later.
 */
export interface BoundExpr extends Node {
  kind: 'bound';
  expr: Expression;
  bindings: ReadonlyMap<string, Value>;
}

/** Stands in where an expression could not be parsed; its diagnostic was already reported. */
export interface InvalidExpr extends Node {
  kind: 'invalid';
}

export type Expression =
  | LiteralExpr
  | NumberExpr
  | VariableExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | SplatItemExpr
  | FunctionCallExpr
  | ConditionalExpr
  | BinaryExpr
  | UnaryExpr
  | TupleExpr
  | ObjectExpr
  | ForExpr
  | ParensExpr
  | TemplateExpr
  | BoundExpr
  | InvalidExpr;

export interface Attribute {
  name: string;
  nameRange: SourceRange;
  expr: Expression;
  /** From the name to the end of the expression. */
  range: SourceRange;
}

export interface BlockLabel {
  value: string;
  range: SourceRange;
}

export interface Block {
  type: string;
  typeRange: SourceRange;
  labels: BlockLabel[];
  body: Body;
  openBraceRange: SourceRange;
  closeBraceRange: SourceRange;
  range: SourceRange;
}

/** The content of a file or a block, in source order. */
export interface Body {
  attributes: Attribute[];
  blocks: Block[];
  range: SourceRange;
  /**
   * For HCL JSON syntax: the object(s) this body was read from. Which properties are
   * attributes and which are blocks is only known with a schema, so `attributes` and
   * `blocks` stay empty until `concreteBody` reads it (see `parse/json/`).
   */
  json?: JsonObjectNode[];
  /** Settings of a legacy JSON template: nested blocks are written as objects (or lists of objects). */
  legacy?: boolean;
}

export interface ParsedFile {
  filename: string;
  body: Body;
}
