import type { Type, Value } from '../values/index.ts';
import type { KilnFunction, Parameter } from './function.ts';

/** A parameter declaration: `param('str', STRING)`, `param('list', DYNAMIC, { allowNull: true })`. */
export function param(name: string, type: Type, options: Omit<Parameter, 'name' | 'type'> = {}): Parameter {
  return { name, type, ...options };
}

export interface FunctionSpec {
  description: string;
  params: Parameter[];
  variadic?: Parameter;
  /** A fixed result type, or a computation from the arguments. */
  returns: Type | ((args: readonly Value[]) => Type);
  impl(args: readonly Value[], returnType: Type): Value;
}

export function defineFunction(name: string, spec: FunctionSpec): KilnFunction {
  const { returns } = spec;
  return {
    name,
    description: spec.description,
    params: spec.params,
    ...(spec.variadic ? { variadic: spec.variadic } : {}),
    returnType: typeof returns === 'function' ? returns : () => returns,
    impl: spec.impl,
  };
}

/** The i-th argument; `callFunction` guarantees the declared ones exist. */
export function arg(args: readonly Value[], i: number): Value {
  const v = args[i];
  if (v === undefined) throw new RangeError(`argument ${i} is missing`);
  return v;
}

/** Splits a string into user-perceived characters (grapheme clusters), as cty counts them. */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function graphemes(s: string): string[] {
  return Array.from(segmenter.segment(s), (x) => x.segment);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Decodes UTF-8, returning undefined when the bytes are not valid UTF-8. */
export function fromUtf8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding (RFC 4648 §4). */
export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63];
    out += B64[(n >> 12) & 63];
    out += b === undefined ? '=' : B64[(n >> 6) & 63];
    out += c === undefined ? '=' : B64[n & 63];
  }
  return out;
}

/** Strict standard base64 decoding; undefined when the text is not valid base64. */
export function base64Decode(encoded: string): Uint8Array | undefined {
  // Go's decoder skips line breaks wherever they are.
  const text = encoded.replace(/[\r\n]/g, '');
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const q = [0, 1, 2, 3].map((k) => {
      const ch = text[i + k] as string;
      return ch === '=' ? 0 : B64.indexOf(ch);
    });
    const n =
      ((q[0] as number) << 18) | ((q[1] as number) << 12) | ((q[2] as number) << 6) | (q[3] as number);
    for (const byte of [(n >> 16) & 255, (n >> 8) & 255, n & 255]) {
      if (o < out.length) out[o++] = byte;
    }
  }
  return out;
}
