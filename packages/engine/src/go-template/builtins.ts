/**
 * The functions text/template defines itself (`text/template/funcs.go`): and, or, not, the
 * comparisons, len, index, slice, print, printf, println, html, js, urlquery and call.
 * `and`, `or` and `call` are completed by the executor, as Go's evalCall does.
 */
import { type GoFunction, GoCallFailure } from './exec.ts';
import { sprintf } from './printf.ts';
import {
  type GoValue,
  INVALID,
  goBool,
  goInt,
  goString,
  goTruth,
  goTypeName,
  printValue,
  sprint,
  sprintln,
} from './value.ts';

type Basic = 'invalid' | 'bool' | 'complex' | 'int' | 'float' | 'string';

function basicKind(v: GoValue): Basic | undefined {
  switch (v.kind) {
    case 'bool':
      return 'bool';
    case 'int':
      return 'int';
    case 'float64':
      return 'float';
    case 'complex128':
      return 'complex';
    case 'string':
      return 'string';
    default:
      return undefined;
  }
}

const typeOf = (v: GoValue) => (v.kind === 'nil' ? 'interface {}' : goTypeName(v));

function eq(arg1: GoValue, others: GoValue[]): boolean {
  if (others.length === 0) throw new GoCallFailure('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of others) {
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      const valid = (v: GoValue) => v.kind !== 'invalid' && v.kind !== 'nil';
      if (valid(arg1) && valid(arg))
        throw new GoCallFailure(`incompatible types for comparison: ${typeOf(arg1)} and ${typeOf(arg)}`);
    } else if (k1 === undefined) {
      const isNil = (v: GoValue) => v.kind === 'invalid' || v.kind === 'nil';
      if (isNil(arg1) || isNil(arg)) truth = isNil(arg1) === isNil(arg);
      else if (arg1.kind !== arg.kind)
        throw new GoCallFailure(
          `non-comparable types ${printValue(arg1)}: ${typeOf(arg1)}, ${typeOf(arg)}: ${printValue(arg)}`,
        );
      else throw new GoCallFailure(`non-comparable type ${printValue(arg)}: ${typeOf(arg)}`);
    } else if (arg1.kind === 'complex128' && arg.kind === 'complex128') {
      truth = arg1.value[0] === arg.value[0] && arg1.value[1] === arg.value[1];
    } else {
      truth = (arg1 as { value: unknown }).value === (arg as { value: unknown }).value;
    }
    if (truth) return true;
  }
  return false;
}

function lt(arg1: GoValue, arg2: GoValue): boolean {
  const k1 = basicKind(arg1);
  if (!k1) throw new GoCallFailure('invalid type for comparison');
  const k2 = basicKind(arg2);
  if (!k2) throw new GoCallFailure('invalid type for comparison');
  if (k1 !== k2)
    throw new GoCallFailure(`incompatible types for comparison: ${typeOf(arg1)} and ${typeOf(arg2)}`);
  if (k1 === 'bool' || k1 === 'complex') throw new GoCallFailure('invalid type for comparison');
  const a = (arg1 as { value: string | number | bigint }).value;
  const b = (arg2 as { value: string | number | bigint }).value;
  if (typeof a === 'string' && typeof b === 'string') return compareBytes(a, b) < 0;
  return a < b;
}

/** Go compares strings byte by byte (UTF-8), not by UTF-16 units. */
function compareBytes(a: string, b: string): number {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++)
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x.length - y.length;
}

function indexArg(index: GoValue, cap: number): number {
  if (index.kind === 'invalid' || index.kind === 'nil')
    throw new GoCallFailure('cannot index slice/array with nil');
  if (index.kind !== 'int') throw new GoCallFailure(`cannot index slice/array with type ${typeOf(index)}`);
  if (index.value < 0n || index.value > BigInt(cap))
    throw new GoCallFailure(`index out of range: ${index.value}`);
  return Number(index.value);
}

function index([item, ...indexes]: GoValue[]): GoValue {
  let v = item as GoValue;
  if (v.kind === 'invalid' || v.kind === 'nil') throw new GoCallFailure('index of untyped nil');
  for (const i of indexes) {
    if (v.kind === 'string') {
      const bytes = new TextEncoder().encode(v.value);
      const x = indexArg(i, bytes.length);
      if (x === bytes.length) throw new GoCallFailure(`index out of range: ${x}`);
      v = goInt(BigInt(bytes[x] as number));
    } else if (v.kind === 'slice') {
      const x = indexArg(i, v.items.length);
      if (x === v.items.length) throw new GoCallFailure(`index out of range: ${x}`);
      v = v.items[x] as GoValue;
    } else if (v.kind === 'map') {
      if (i.kind !== 'string' && !(v.type.startsWith('map[interface {}]') && i.kind !== 'invalid'))
        throw new GoCallFailure(
          i.kind === 'invalid' || i.kind === 'nil'
            ? `value is nil; should be of type ${v.type.slice(4, v.type.indexOf(']'))}`
            : `value has type ${typeOf(i)}; should be ${v.type.slice(4, v.type.indexOf(']'))}`,
        );
      v =
        (i.kind === 'string' ? v.entries.get(i.value) : undefined) ??
        (v.elem === 'string' ? goString('') : INVALID);
    } else {
      throw new GoCallFailure(`can't index item of type ${typeOf(v)}`);
    }
  }
  return v;
}

function slice([item, ...indexes]: GoValue[]): GoValue {
  const v = item as GoValue;
  if (v.kind === 'invalid' || v.kind === 'nil') throw new GoCallFailure('slice of untyped nil');
  if (indexes.length > 3) throw new GoCallFailure(`too many slice indexes: ${indexes.length}`);
  let length: number;
  if (v.kind === 'string') {
    if (indexes.length === 3) throw new GoCallFailure('cannot 3-index slice a string');
    length = new TextEncoder().encode(v.value).length;
  } else if (v.kind === 'slice') {
    length = v.items.length;
  } else {
    throw new GoCallFailure(`can't slice item of type ${typeOf(v)}`);
  }
  const idx = [0, length, length];
  indexes.forEach((x, i) => {
    idx[i] = indexArg(x, length);
  });
  const [from, to, max] = idx as [number, number, number];
  if (from > to) throw new GoCallFailure(`invalid slice index: ${from} > ${to}`);
  if (indexes.length === 3 && to > max) throw new GoCallFailure(`invalid slice index: ${to} > ${max}`);
  if (v.kind === 'string') {
    const bytes = new TextEncoder().encode(v.value).slice(from, to);
    return goString(new TextDecoder().decode(bytes));
  }
  return { ...v, items: v.items.slice(from, to) };
}

function length([item]: GoValue[]): GoValue {
  const v = item as GoValue;
  switch (v.kind) {
    case 'string':
      return goInt(BigInt(new TextEncoder().encode(v.value).length));
    case 'map':
      return goInt(BigInt(v.entries.size));
    case 'slice':
      return goInt(BigInt(v.items.length));
    case 'invalid':
    case 'nil':
      throw new GoCallFailure('reflect: call of reflect.Value.Type on zero Value');
    default:
      throw new GoCallFailure(`len of type ${typeOf(v)}`);
  }
}

/** `template.HTMLEscapeString` of the operands printed as `print` prints them. */
function html(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) =>
    c === '\0' ? '\uFFFD' : ({ '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' }[c] ?? c),
  );
}

/** `template.JSEscapeString`. */
function js(s: string): string {
  let out = '';
  for (const c of s) {
    const code = c.codePointAt(0) as number;
    if (c === '\\') out += '\\\\';
    else if (c === "'") out += "\\'";
    else if (c === '"') out += '\\"';
    else if (c === '<') out += '\\u003C';
    else if (c === '>') out += '\\u003E';
    else if (c === '&') out += '\\u0026';
    else if (c === '=') out += '\\u003D';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0x2028 || code === 0x2029)
      out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += c;
  }
  return out;
}

/** `url.QueryEscape`. */
function urlquery(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `evalArgs`: a single string operand as it is, otherwise `fmt.Sprint` of them. */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && args[0]?.kind === 'string') return args[0].value;
  return sprint(args);
}

const compare = (test: (a: GoValue, b: GoValue) => boolean): GoFunction => ({
  params: ['value', 'value'],
  call: ([a, b]) => goBool(test(a as GoValue, b as GoValue)),
});

export const GO_BUILTINS: Readonly<Record<string, GoFunction>> = {
  and: { params: ['value'], variadic: 'value', call: () => INVALID },
  or: { params: ['value'], variadic: 'value', call: () => INVALID },
  not: { params: ['value'], call: ([a]) => goBool(!goTruth(a as GoValue)) },
  call: {
    params: ['value'],
    variadic: 'value',
    call: ([name, fn]) => {
      if (!fn || fn.kind === 'invalid' || fn.kind === 'nil') throw new GoCallFailure('call of nil');
      const callee = name?.kind === 'string' ? name.value : '';
      throw new GoCallFailure(`non-function ${callee} of type ${typeOf(fn)}`);
    },
  },
  eq: { params: ['value'], variadic: 'value', call: ([a, ...rest]) => goBool(eq(a as GoValue, rest)) },
  ne: compare((a, b) => !eq(a, [b])),
  lt: compare(lt),
  le: compare((a, b) => lt(a, b) || eq(a, [b])),
  gt: compare((a, b) => !(lt(a, b) || eq(a, [b]))),
  ge: compare((a, b) => !lt(a, b)),
  len: { params: ['value'], call: length },
  index: { params: ['value'], variadic: 'value', call: index },
  slice: { params: ['value'], variadic: 'value', call: slice },
  print: { params: [], variadic: 'any', call: (args) => goString(sprint(args)) },
  println: { params: [], variadic: 'any', call: (args) => goString(sprintln(args)) },
  printf: {
    params: ['string'],
    variadic: 'any',
    call: ([format, ...args]) => goString(sprintf((format as { value: string }).value, args)),
  },
  html: { params: [], variadic: 'any', call: (args) => goString(html(evalArgs(args))) },
  js: { params: [], variadic: 'any', call: (args) => goString(js(evalArgs(args))) },
  urlquery: { params: [], variadic: 'any', call: (args) => goString(urlquery(evalArgs(args))) },
};
