import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { JsonValue } from '../spi/json.ts';
import { type Value, fromPlain, objectVal, toPlain, tupleVal } from '../values/index.ts';
import type { FunctionContext } from './context.ts';
import { callFunction, callLazyFunction, type ArgThunk } from './function.ts';
import { createFunctionTable } from './table.ts';

/** An in-memory file tree for tests: absolute path → content (string or bytes). */
export type MemoryFiles = Record<string, string | Uint8Array>;

/** A deterministic context: fixed clock, in-memory files under /tpl, node hashing. Test code only. */
export function testContext(
  files: MemoryFiles = {},
  overrides: Partial<FunctionContext> = {},
): FunctionContext {
  const encoder = new TextEncoder();
  const dirs = new Set<string>(['/']);
  for (const path of Object.keys(files)) {
    const parts = path.split('/').slice(1, -1);
    for (let i = 1; i <= parts.length; i++) dirs.add(`/${parts.slice(0, i).join('/')}`);
  }
  return {
    baseDir: '/tpl',
    cwd: '/work',
    homeDir: '/home/kiln',
    now: () => new Date('2024-05-06T07:08:09.123Z'),
    startTime: new Date('2024-01-02T03:04:05Z'),
    readFile: (path) => {
      const f = files[path];
      if (f === undefined) throw new Error(`ENOENT: ${path}`);
      return typeof f === 'string' ? encoder.encode(f) : f;
    },
    stat: (path) => (path in files ? 'file' : dirs.has(path) ? 'directory' : undefined),
    readDir: (path) => {
      const prefix = path === '/' ? '/' : `${path}/`;
      const names = new Set<string>();
      for (const p of [...Object.keys(files), ...dirs]) {
        if (p.startsWith(prefix) && p !== path) names.add(p.slice(prefix.length).split('/')[0] as string);
      }
      return [...names].filter(Boolean).sort();
    },
    hash: (algorithm, data) => new Uint8Array(createHash(algorithm).update(data).digest()),
    gzip: (data) => new Uint8Array(gzipSync(data)),
    ...overrides,
  };
}

export function gunzip(data: Uint8Array): string {
  return gunzipSync(data).toString('utf8');
}

/** Calls a function of a table built on `ctx` with values. */
export function callIn(ctx: FunctionContext, name: string, ...args: Value[]): Value {
  const fn = createFunctionTable(ctx).get(name);
  if (!fn) throw new Error(`no function ${name}`);
  return callFunction(fn, args);
}

export function callLazyIn(ctx: FunctionContext, name: string, ...thunks: ArgThunk[]): Value {
  const fn = createFunctionTable(ctx).get(name);
  if (!fn) throw new Error(`no function ${name}`);
  return callLazyFunction(fn, thunks);
}

/** Calls a function with plain-data arguments (arrays become tuples, objects become objects). */
export function call(name: string, ...args: Arg[]): Value {
  return callIn(testContext(), name, ...args.map(v));
}

/** Plain data, possibly with Values inside, as test arguments. */
export type Arg = null | boolean | number | string | Value | Arg[] | { [key: string]: Arg };

/** A plain value as a Value (arrays as tuples, objects as objects, as HCL literals are). */
export function v(x: Arg): Value {
  if (isValue(x)) return x;
  if (Array.isArray(x)) return tupleVal(x.map(v));
  if (x !== null && typeof x === 'object') {
    return objectVal(Object.fromEntries(Object.entries(x).map(([k, e]) => [k, v(e)])));
  }
  return fromPlain(x);
}

function isValue(x: unknown): x is Value {
  return typeof x === 'object' && x !== null && 'type' in x && 'marks' in x;
}

/** The plain result of a call. */
export function plain(name: string, ...args: Arg[]): JsonValue {
  return toPlain(call(name, ...args));
}
