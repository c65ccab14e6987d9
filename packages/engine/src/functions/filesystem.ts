import {
  BOOL,
  DYNAMIC,
  STRING,
  type Value,
  ValueError,
  boolVal,
  setOf,
  setVal,
  stringVal,
  typeName,
} from '../values/index.ts';
import type { FunctionContext } from './context.ts';
import { arg, base64Encode, defineFunction, fromUtf8, param } from './define.ts';
import { ArgumentError, type KilnFunction, FunctionCallError } from './function.ts';
import * as paths from './path.ts';

const str = (args: readonly Value[], i: number) => arg(args, i).asString();

/** `~` and `~/...` expanded to the home directory (Go's homedir.Expand). */
export function expandHome(ctx: FunctionContext, p: string): string {
  if (!p.startsWith('~')) return p;
  if (p.length > 1 && p[1] !== '/') throw new ValueError('cannot expand user-specific home dir');
  if (ctx.homeDir === undefined) throw new ValueError('the home directory is not known in this environment');
  return ctx.homeDir + p.slice(1);
}

/** The absolute path a file function reads: home-expanded, then relative to the template's directory. */
export function filePath(ctx: FunctionContext, p: string): string {
  return paths.resolve(ctx.baseDir, expandHome(ctx, p));
}

/** The bytes of a file, or a ValueError naming the path. */
export function readBytes(ctx: FunctionContext, p: string): Uint8Array {
  if (!ctx.readFile) throw new ValueError('reading files is not available in this environment');
  const full = filePath(ctx, p);
  if (ctx.stat) {
    const kind = ctx.stat(full);
    if (kind === undefined)
      throw new ValueError(
        `no file exists at ${p}; this function works only with files that are distributed as part of the configuration source code`,
      );
    if (kind === 'directory') throw new ValueError(`${p} is a directory, not a file`);
  }
  try {
    return ctx.readFile(full);
  } catch (error) {
    throw new ValueError(`failed to read ${p}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function readText(ctx: FunctionContext, p: string): string {
  const text = fromUtf8(readBytes(ctx, p));
  if (text === undefined) {
    throw new ValueError(
      `contents of ${p} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead`,
    );
  }
  return text;
}

/** A doublestar glob (`**` for any depth, `*`, `?`, `[...]`, `{a,b}`) as an anchored RegExp over `/` paths. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  let i = 0;
  let braces = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '*' && pattern[i + 1] === '*') {
      const atStart = i === 0 || pattern[i - 1] === '/';
      const atEnd = i + 2 === pattern.length || pattern[i + 2] === '/';
      if (atStart && atEnd) {
        if (pattern[i + 2] === '/') {
          re += '(?:[^/]*(?:/[^/]*)*/)?';
          i += 3;
        } else {
          re += '.*';
          i += 2;
        }
        continue;
      }
    }
    switch (c) {
      case '*':
        re += '[^/]*';
        break;
      case '?':
        re += '[^/]';
        break;
      case '[': {
        const end = pattern.indexOf(']', i + 2);
        if (end < 0) throw new ValueError(`invalid glob pattern "${pattern}": unterminated [`);
        let body = pattern.slice(i + 1, end);
        if (body.startsWith('!') || body.startsWith('^')) body = `^${body.slice(1)}`;
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = end;
        break;
      }
      case '{':
        braces++;
        re += '(?:';
        break;
      case '}':
        if (braces > 0) {
          braces--;
          re += ')';
        } else re += '\\}';
        break;
      case ',':
        re += braces > 0 ? '|' : ',';
        break;
      case '\\':
        i++;
        re += (pattern[i] ?? '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        break;
      default:
        re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
    i++;
  }
  if (braces > 0) throw new ValueError(`invalid glob pattern "${pattern}": unterminated {`);
  return new RegExp(`^${re}$`);
}

const MAX_WALK = 100_000;

function walkFiles(ctx: FunctionContext, root: string): string[] {
  if (!ctx.readDir || !ctx.stat) throw new ValueError('listing files is not available in this environment');
  const out: string[] = [];
  const stack = [''];
  let seen = 0;
  while (stack.length > 0) {
    const relDir = stack.pop() as string;
    const absDir = relDir === '' ? root : `${root}/${relDir}`;
    for (const name of ctx.readDir(absDir)) {
      if (++seen > MAX_WALK)
        throw new ValueError(`more than ${MAX_WALK} entries under ${root}; narrow the path`);
      const relPath = relDir === '' ? name : `${relDir}/${name}`;
      const kind = ctx.stat(`${root}/${relPath}`);
      if (kind === 'directory') stack.push(relPath);
      else if (kind === 'file') out.push(relPath);
    }
  }
  return out;
}

export interface FilesystemOptions {
  /** The table templatefile renders with (templatefile itself excluded). */
  functions(): ReadonlyMap<string, KilnFunction>;
}

/** An HCL identifier (`hclsyntax.ValidIdentifier`): a template variable name must be one. */
const HCL_IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u;

export function filesystemFunctions(ctx: FunctionContext, options: FilesystemOptions): KilnFunction[] {
  return [
    defineFunction('abspath', {
      description: 'An absolute path for a path, relative ones resolved against the working directory.',
      params: [param('path', STRING)],
      returns: STRING,
      impl: (args) => stringVal(paths.resolve(ctx.cwd ?? ctx.baseDir, str(args, 0))),
    }),
    defineFunction('basename', {
      description: 'The last element of a path.',
      params: [param('path', STRING)],
      returns: STRING,
      impl: (args) => stringVal(paths.base(str(args, 0))),
    }),
    defineFunction('dirname', {
      description: 'All but the last element of a path.',
      params: [param('path', STRING)],
      returns: STRING,
      impl: (args) => stringVal(paths.dir(str(args, 0))),
    }),
    defineFunction('pathexpand', {
      description: 'Replaces a leading ~ with the home directory.',
      params: [param('path', STRING)],
      returns: STRING,
      impl: (args) => stringVal(expandHome(ctx, str(args, 0))),
    }),
    defineFunction('file', {
      description: 'The contents of a UTF-8 text file, relative to the template directory.',
      params: [param('path', STRING)],
      returns: STRING,
      impl: (args) => stringVal(readText(ctx, str(args, 0))),
    }),
    defineFunction('filebase64', {
      description: 'The contents of a file, Base64-encoded.',
      params: [param('path', STRING)],
      returns: STRING,
      impl: (args) => stringVal(base64Encode(readBytes(ctx, str(args, 0)))),
    }),
    defineFunction('fileexists', {
      description: 'Whether a regular file exists at a path.',
      params: [param('path', STRING)],
      returns: BOOL,
      impl: (args) => {
        if (!ctx.stat) throw new ValueError('checking files is not available in this environment');
        const p = str(args, 0);
        const kind = ctx.stat(filePath(ctx, p));
        if (kind === undefined) return boolVal(false);
        if (kind !== 'file') throw new ValueError(`${p} is not a regular file, but a ${kind}`);
        return boolVal(true);
      },
    }),
    defineFunction('fileset', {
      description: 'The set of file paths under a directory that match a glob pattern.',
      params: [param('path', STRING), param('pattern', STRING)],
      returns: setOf(STRING),
      impl: (args) => {
        const root = filePath(ctx, str(args, 0));
        const matcher = globToRegExp(paths.clean(str(args, 1)));
        if (ctx.stat?.(root) !== 'directory') return setVal([], STRING);
        const matches = walkFiles(ctx, root).filter((p) => matcher.test(p));
        return setVal(matches.map(stringVal), STRING);
      },
    }),
    defineFunction('templatefile', {
      description: 'Renders a template file with the given variables.',
      params: [param('path', STRING), param('vars', DYNAMIC)],
      returns: DYNAMIC,
      impl: (args) => {
        const vars = arg(args, 1);
        if (vars.type.kind !== 'map' && vars.type.kind !== 'object') {
          throw new ArgumentError(1, `invalid vars value: must be a map, not ${typeName(vars.type)}`);
        }
        for (const name of vars.asMap().keys()) {
          if (!HCL_IDENTIFIER.test(name)) {
            throw new ArgumentError(
              1,
              `invalid template variable name "${name}": must start with a letter, followed by zero or more letters, digits, and underscores`,
            );
          }
        }
        const render = ctx.renderTemplate;
        if (!render) throw new ValueError('template rendering is not available in this environment');
        const p = str(args, 0);
        const source = readText(ctx, p);
        const functions = new Map(options.functions());
        functions.set('templatefile', recursionGuard());
        return render({ source, filename: filePath(ctx, p), variables: vars.asMap(), functions });
      },
    }),
  ];
}

function recursionGuard(): KilnFunction {
  return defineFunction('templatefile', {
    description: 'Not available inside a template file.',
    params: [param('path', STRING), param('vars', DYNAMIC)],
    returns: DYNAMIC,
    impl: () => {
      throw new FunctionCallError(
        'templatefile',
        'Error in function call',
        'Call to function "templatefile" failed: cannot recursively call templatefile from inside templatefile call.',
      );
    },
  });
}
