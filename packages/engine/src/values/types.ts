import type { Value } from './value.ts';

/**
 * cty's type system: primitive types, collection types (list, set, map of one element type),
 * structural types (tuple, object) and the dynamic pseudo-type (`any`).
 */
export type Type =
  | { readonly kind: 'string' }
  | { readonly kind: 'number' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'list'; readonly element: Type }
  | { readonly kind: 'set'; readonly element: Type }
  | { readonly kind: 'map'; readonly element: Type }
  | { readonly kind: 'tuple'; readonly elements: readonly Type[] }
  | {
      readonly kind: 'object';
      readonly attributes: Readonly<Record<string, Type>>;
      /** Attributes a type constraint marks `optional(...)`; only meaningful for conversion targets. */
      readonly optional?: ReadonlySet<string>;
      /**
       * Default values of optional attributes (`optional(string, "x")`), already converted to the
       * attribute's type. Not part of the type's identity: see `applyTypeDefaults` in defaults.ts.
       */
      readonly defaults?: Readonly<Record<string, Value>>;
    }
  | { readonly kind: 'dynamic' };

export type PrimitiveType = Extract<Type, { kind: 'string' | 'number' | 'bool' }>;
export type CollectionType = Extract<Type, { kind: 'list' | 'set' | 'map' }>;

export const STRING: Type = Object.freeze({ kind: 'string' });
export const NUMBER: Type = Object.freeze({ kind: 'number' });
export const BOOL: Type = Object.freeze({ kind: 'bool' });
/** cty.DynamicPseudoType: "any type", also the type of a wholly unknown value. */
export const DYNAMIC: Type = Object.freeze({ kind: 'dynamic' });

export function listOf(element: Type): Type {
  return { kind: 'list', element };
}
export function setOf(element: Type): Type {
  return { kind: 'set', element };
}
export function mapOf(element: Type): Type {
  return { kind: 'map', element };
}
export function tupleOf(elements: readonly Type[]): Type {
  return { kind: 'tuple', elements: [...elements] };
}
/**
 * An object type. `optional` names the attributes a conversion may find missing (they become null,
 * or their entry in `defaults` when defaults are applied first); `defaults` only matter for optional ones.
 */
export function objectOf(
  attributes: Readonly<Record<string, Type>>,
  optional?: Iterable<string>,
  defaults?: Readonly<Record<string, Value>>,
): Type {
  const sorted: Record<string, Type> = {};
  for (const key of Object.keys(attributes).sort()) sorted[key] = attributes[key] as Type;
  const opt = optional ? new Set(optional) : undefined;
  if (!opt || opt.size === 0) return { kind: 'object', attributes: sorted };
  const kept = Object.entries(defaults ?? {}).filter(([name]) => opt.has(name));
  return kept.length > 0
    ? { kind: 'object', attributes: sorted, optional: opt, defaults: Object.fromEntries(kept) }
    : { kind: 'object', attributes: sorted, optional: opt };
}

/**
 * The type with every optional-attribute marker (and default) removed, at every depth: the type
 * a conversion to this type produces (cty's `WithoutOptionalAttributesDeep`).
 */
export function withoutOptionalAttributes(t: Type): Type {
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'map': {
      const element = withoutOptionalAttributes(t.element);
      return element === t.element ? t : { kind: t.kind, element };
    }
    case 'tuple': {
      const elements = t.elements.map(withoutOptionalAttributes);
      return elements.every((e, i) => e === t.elements[i]) ? t : tupleOf(elements);
    }
    case 'object': {
      const attributes: Record<string, Type> = {};
      let changed = t.optional !== undefined;
      for (const [name, aty] of Object.entries(t.attributes)) {
        attributes[name] = withoutOptionalAttributes(aty);
        if (attributes[name] !== aty) changed = true;
      }
      return changed ? objectOf(attributes) : t;
    }
    default:
      return t;
  }
}
export const EMPTY_OBJECT: Type = objectOf({});
export const EMPTY_TUPLE: Type = tupleOf([]);

export function isPrimitive(t: Type): t is PrimitiveType {
  return t.kind === 'string' || t.kind === 'number' || t.kind === 'bool';
}
export function isCollection(t: Type): t is CollectionType {
  return t.kind === 'list' || t.kind === 'set' || t.kind === 'map';
}
/** The element type of a list, set or map type. */
export function elementType(t: Type): Type | undefined {
  return isCollection(t) ? t.element : undefined;
}

/** Structural type equality (cty's `Type.Equals`). Optional-attribute markers count; their defaults do not. */
export function typeEquals(a: Type, b: Type): boolean {
  if (a === b) return true;
  switch (a.kind) {
    case 'string':
    case 'number':
    case 'bool':
    case 'dynamic':
      return a.kind === b.kind;
    case 'list':
    case 'set':
    case 'map':
      return b.kind === a.kind && typeEquals(a.element, (b as CollectionType).element);
    case 'tuple':
      return (
        b.kind === 'tuple' &&
        a.elements.length === b.elements.length &&
        a.elements.every((t, i) => typeEquals(t, b.elements[i] as Type))
      );
    case 'object': {
      if (b.kind !== 'object') return false;
      const ak = Object.keys(a.attributes);
      const bk = Object.keys(b.attributes);
      if (ak.length !== bk.length) return false;
      for (const k of ak) {
        const bt = b.attributes[k];
        if (!bt || !typeEquals(a.attributes[k] as Type, bt)) return false;
        if ((a.optional?.has(k) ?? false) !== (b.optional?.has(k) ?? false)) return false;
      }
      return true;
    }
  }
}

/** True when the type is, or contains, the dynamic pseudo-type. */
export function hasDynamicTypes(t: Type): boolean {
  switch (t.kind) {
    case 'dynamic':
      return true;
    case 'list':
    case 'set':
    case 'map':
      return hasDynamicTypes(t.element);
    case 'tuple':
      return t.elements.some(hasDynamicTypes);
    case 'object':
      return Object.values(t.attributes).some(hasDynamicTypes);
    default:
      return false;
  }
}

/**
 * The type's name as cty's `FriendlyName` prints it: `string`, `list of string`,
 * `map of list of number`, `tuple`, `object`, `dynamic`.
 */
export function typeName(t: Type): string {
  switch (t.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return t.kind;
    case 'dynamic':
      return 'dynamic';
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind} of ${typeName(t.element)}`;
    case 'tuple':
      return 'tuple';
    case 'object':
      return 'object';
  }
}

/** The type's name as cty's `FriendlyNameForConstraint`: like typeName but `any` for dynamic. */
export function constraintName(t: Type): string {
  switch (t.kind) {
    case 'dynamic':
      return 'any type';
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind} of ${t.element.kind === 'dynamic' ? 'any single type' : constraintName(t.element)}`;
    default:
      return typeName(t);
  }
}

/** The type in HCL type-constraint syntax: `list(string)`, `object({a=number})`, `any`. */
export function typeExpression(t: Type): string {
  switch (t.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return t.kind;
    case 'dynamic':
      return 'any';
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind}(${typeExpression(t.element)})`;
    case 'tuple':
      return `tuple([${t.elements.map(typeExpression).join(', ')}])`;
    case 'object': {
      const attrs = Object.entries(t.attributes).map(([k, v]) =>
        t.optional?.has(k) ? `${k}=optional(${typeExpression(v)})` : `${k}=${typeExpression(v)}`,
      );
      return `object({${attrs.join(', ')}})`;
    }
  }
}

/** cty's JSON encoding of a type: `"string"`, `["list","string"]`, `["object",{"a":"number"}]`. */
export type TypeJson =
  | string
  | [string, TypeJson]
  | ['tuple', TypeJson[]]
  | ['object', Record<string, TypeJson>];

export function typeToJson(t: Type): TypeJson {
  switch (t.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return t.kind;
    case 'dynamic':
      return 'dynamic';
    case 'list':
    case 'set':
    case 'map':
      return [t.kind, typeToJson(t.element)];
    case 'tuple':
      return ['tuple', t.elements.map(typeToJson)];
    case 'object': {
      const attrs: Record<string, TypeJson> = {};
      for (const [k, v] of Object.entries(t.attributes)) attrs[k] = typeToJson(v);
      return ['object', attrs];
    }
  }
}

export function typeFromJson(json: unknown): Type {
  if (typeof json === 'string') {
    switch (json) {
      case 'string':
        return STRING;
      case 'number':
        return NUMBER;
      case 'bool':
        return BOOL;
      case 'dynamic':
        return DYNAMIC;
    }
    throw new TypeError(`invalid type name "${json}"`);
  }
  if (Array.isArray(json) && json.length === 2 && typeof json[0] === 'string') {
    const [kind, arg] = json as [string, unknown];
    switch (kind) {
      case 'list':
        return listOf(typeFromJson(arg));
      case 'set':
        return setOf(typeFromJson(arg));
      case 'map':
        return mapOf(typeFromJson(arg));
      case 'tuple':
        if (Array.isArray(arg)) return tupleOf(arg.map(typeFromJson));
        break;
      case 'object':
        if (arg && typeof arg === 'object' && !Array.isArray(arg)) {
          const attrs: Record<string, Type> = {};
          for (const [k, v] of Object.entries(arg)) attrs[k] = typeFromJson(v);
          return objectOf(attrs);
        }
        break;
    }
  }
  throw new TypeError(`invalid type specification ${JSON.stringify(json)}`);
}
