import type { SourceRange } from '../errors/diagnostic.ts';
import type { Expression, TemplatePart } from '../parse/ast.ts';

/** A variable reference such as `local.name` or `var.region`: the root and the attribute names that follow it. */
export interface Reference {
  root: string;
  path: string[];
  range: SourceRange;
}

/** Every variable an expression refers to, iterator variables of `for` excluded. */
export function references(expr: Expression): Reference[] {
  const out: Reference[] = [];
  walk(expr, new Set(), out);
  return out;
}

function chain(expr: Expression): { root: string; path: string[] } | undefined {
  if (expr.kind === 'variable') return { root: expr.name, path: [] };
  if (expr.kind === 'get-attr') {
    const inner = chain(expr.object);
    return inner ? { root: inner.root, path: [...inner.path, expr.name] } : undefined;
  }
  if (expr.kind === 'index' && expr.key.kind === 'literal' && typeof expr.key.value === 'string') {
    const inner = chain(expr.collection);
    return inner ? { root: inner.root, path: [...inner.path, expr.key.value] } : undefined;
  }
  return undefined;
}

function walk(expr: Expression, bound: ReadonlySet<string>, out: Reference[]): void {
  const found = chain(expr);
  if (found) {
    if (!bound.has(found.root)) out.push({ ...found, range: expr.range });
    return;
  }
  const visit = (e: Expression, scope: ReadonlySet<string> = bound) => walk(e, scope, out);
  switch (expr.kind) {
    case 'get-attr':
      visit(expr.object);
      return;
    case 'index':
      visit(expr.collection);
      visit(expr.key);
      return;
    case 'splat':
      visit(expr.source);
      visit(expr.each);
      return;
    case 'call':
      for (const a of expr.args) visit(a);
      return;
    case 'conditional':
      visit(expr.condition);
      visit(expr.trueResult);
      visit(expr.falseResult);
      return;
    case 'binary':
      visit(expr.left);
      visit(expr.right);
      return;
    case 'unary':
      visit(expr.operand);
      return;
    case 'tuple':
      for (const item of expr.items) visit(item);
      return;
    case 'object':
      for (const item of expr.items) {
        visit(item.key);
        visit(item.value);
      }
      return;
    case 'for': {
      visit(expr.collection);
      const inner = new Set([...bound, expr.valueVar, ...(expr.keyVar ? [expr.keyVar] : [])]);
      if (expr.keyExpr) visit(expr.keyExpr, inner);
      visit(expr.valueExpr, inner);
      if (expr.condition) visit(expr.condition, inner);
      return;
    }
    case 'parens':
      visit(expr.expr);
      return;
    case 'bound':
      visit(expr.expr, new Set([...bound, ...expr.bindings.keys()]));
      return;
    case 'template':
      walkParts(expr.parts, bound, out);
      return;
    default:
      return;
  }
}

function walkParts(parts: TemplatePart[], bound: ReadonlySet<string>, out: Reference[]): void {
  for (const part of parts) {
    if (part.kind === 'interpolation') walk(part.expr, bound, out);
    else if (part.kind === 'if') {
      walk(part.condition, bound, out);
      walkParts(part.thenParts, bound, out);
      walkParts(part.elseParts, bound, out);
    } else if (part.kind === 'for') {
      walk(part.collection, bound, out);
      walkParts(part.body, new Set([...bound, part.valueVar, ...(part.keyVar ? [part.keyVar] : [])]), out);
    }
  }
}
