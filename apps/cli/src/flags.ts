/** Thrown for a bad command line; the command prints the message and exits 1. */
export class UsageError extends Error {}

export interface FlagSpec {
  /** Flags without a value, e.g. `-check`; `-name=false` turns them off. */
  booleans?: readonly string[];
  /** Flags taking a value (`-var k=v` or `-var=k=v`); repeated ones collect every value. */
  values?: readonly string[];
}

export interface ParsedFlags {
  booleans: Map<string, boolean>;
  values: Map<string, string[]>;
  positional: string[];
}

/** Parses Go-style flags (`-x`, `--x`, `-x=v`, `-x v`) that come before the positional arguments. */
export function parseFlags(args: readonly string[], spec: FlagSpec): ParsedFlags {
  const booleans = new Map<string, boolean>();
  const values = new Map<string, string[]>();
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    const inline = eq === -1 ? undefined : body.slice(eq + 1);
    if (spec.booleans?.includes(name)) {
      if (inline !== undefined && !['true', 'false', '1', '0'].includes(inline))
        throw new UsageError(`invalid boolean value "${inline}" for flag -${name}`);
      booleans.set(name, inline === undefined || inline === 'true' || inline === '1');
    } else if (spec.values?.includes(name)) {
      let value = inline;
      if (value === undefined) {
        i++;
        value = args[i];
        if (value === undefined) throw new UsageError(`flag needs an argument: -${name}`);
      }
      values.set(name, [...(values.get(name) ?? []), value]);
    } else {
      throw new UsageError(`flag provided but not defined: -${name}`);
    }
  }
  return { booleans, values, positional: args.slice(i) };
}

/** `-only a,b -only c` → `[a, b, c]`. */
export function listFlag(flags: ParsedFlags, name: string): string[] {
  return (flags.values.get(name) ?? []).flatMap((v) => v.split(',')).filter((v) => v !== '');
}
