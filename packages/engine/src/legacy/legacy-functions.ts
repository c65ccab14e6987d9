import { arg, defineFunction, param } from '../functions/define.ts';
import { ArgumentError, type KilnFunction } from '../functions/function.ts';
import { NUMBER, STRING } from '../values/types.ts';
import { stringVal } from '../values/value.ts';
import { goTemplateFunction } from './go-template-render.ts';
import { LEGACY_FUNCTION_NAMES } from './legacy-function-names.ts';

export { LEGACY_FUNCTION_NAMES } from './legacy-function-names.ts';

function integer(value: ReturnType<typeof arg>, index: number): number {
  const n = Number(value.asNumber().toString());
  if (!Number.isInteger(n)) throw new ArgumentError(index, 'must be a whole number');
  return n;
}

/** `clean_resource_name`: lower case, characters other than a-z, 0-9 and `-` become `-`, at most 63 characters. */
export function cleanResourceName(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 63);
}

/** The legacy-only functions; `startTime` is the build's start (`{{timestamp}}` is the same all through a build). */
export function legacyFunctions(startTime: Date): KilnFunction[] {
  const functions = helperFunctions(startTime);
  return [...functions, goTemplateFunction(startTime, new Map(functions.map((f) => [f.name, f])))];
}

function helperFunctions(startTime: Date): KilnFunction[] {
  return [
    defineFunction(LEGACY_FUNCTION_NAMES.timestamp, {
      description: 'The build start time as a Unix timestamp in seconds.',
      params: [],
      returns: STRING,
      impl: () => stringVal(String(Math.floor(startTime.getTime() / 1000))),
    }),
    defineFunction(LEGACY_FUNCTION_NAMES.split, {
      description: 'The index-th part of a string split on a separator.',
      params: [param('string', STRING), param('separator', STRING), param('index', NUMBER)],
      returns: STRING,
      impl: (args) => {
        const parts = arg(args, 0).asString().split(arg(args, 1).asString());
        const i = integer(arg(args, 2), 2);
        const part = parts[i];
        if (i < 0 || part === undefined)
          throw new ArgumentError(
            2,
            `the substring ${i} was unavailable using the separator value, ${arg(args, 1).asString()}, only ${parts.length} values were found`,
          );
        return stringVal(part);
      },
    }),
    defineFunction(LEGACY_FUNCTION_NAMES.replace, {
      description: 'Replaces the first n occurrences of old by new (all when n < 0).',
      params: [param('old', STRING), param('new', STRING), param('n', NUMBER), param('string', STRING)],
      returns: STRING,
      impl: (args) => {
        const [from, to, src] = [arg(args, 0).asString(), arg(args, 1).asString(), arg(args, 3).asString()];
        let n = integer(arg(args, 2), 2);
        if (from === '') {
          const chars = Array.from(src);
          const slots = n < 0 ? chars.length + 1 : Math.min(n, chars.length + 1);
          return stringVal(
            chars.map((c, k) => (k < slots ? to + c : c)).join('') + (slots > chars.length ? to : ''),
          );
        }
        if (n < 0) return stringVal(src.split(from).join(to));
        let out = '';
        let rest = src;
        while (n-- > 0) {
          const at = rest.indexOf(from);
          if (at < 0) break;
          out += rest.slice(0, at) + to;
          rest = rest.slice(at + from.length);
        }
        return stringVal(out + rest);
      },
    }),
    defineFunction(LEGACY_FUNCTION_NAMES.replace_all, {
      description: 'Replaces every occurrence of old by new.',
      params: [param('old', STRING), param('new', STRING), param('string', STRING)],
      returns: STRING,
      impl: (args) =>
        stringVal(arg(args, 2).asString().split(arg(args, 0).asString()).join(arg(args, 1).asString())),
    }),
    defineFunction(LEGACY_FUNCTION_NAMES.clean_resource_name, {
      description:
        'A name usable as a cloud resource name: lower case letters, digits and dashes, 63 at most.',
      params: [param('string', STRING)],
      returns: STRING,
      impl: (args) => stringVal(cleanResourceName(arg(args, 0).asString())),
    }),
  ];
}
