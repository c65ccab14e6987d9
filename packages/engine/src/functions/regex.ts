import {
  STRING,
  type Type,
  type Value,
  ValueError,
  nullVal,
  objectOf,
  objectVal,
  stringVal,
  tupleOf,
  tupleVal,
  checkStringLength,
  checkCollectionLength,
} from '../values/index.ts';

/** A compiled RE2-style pattern with what cty needs to shape results. */
export interface CompiledPattern {
  regexp: RegExp;
  groupCount: number;
  /** Group names by group number (1-based); undefined for unnamed groups. */
  names: (string | undefined)[];
}

const cache = new Map<string, CompiledPattern>();

/**
 * Compiles a Go RE2 pattern as JavaScript: `(?P<name>` becomes `(?<name>`, leading `(?ims)`
 * flags become RegExp flags, `\A`/`\z` anchor the text, `\pL` gets braces. Throws ValueError
 * for patterns either engine rejects.
 */
export function compilePattern(pattern: string): CompiledPattern {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let source = pattern;
  let flags = 'g';
  const lead = /^\(\?([imsU]+)\)/.exec(source);
  if (lead) {
    const f = lead[1] as string;
    if (f.includes('U'))
      throw new ValueError('invalid regexp pattern: the U (ungreedy) flag is not supported');
    flags += [...new Set(f)].join('');
    source = source.slice(lead[0].length);
  }
  source = source
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$(?![\\s\\S])')
    .replace(/\\p([A-Za-z])/g, '\\p{$1}')
    .replace(/\\P([A-Za-z])/g, '\\P{$1}');
  let regexp: RegExp;
  try {
    regexp = new RegExp(source, `${flags}u`);
  } catch {
    try {
      regexp = new RegExp(source, flags);
    } catch (error) {
      const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
      throw new ValueError(`invalid regexp pattern: ${reason}`);
    }
  }
  const groupCount =
    (new RegExp(`${regexp.source}|`, regexp.flags.replace('g', '')).exec('')?.length ?? 1) - 1;
  const names: (string | undefined)[] = [];
  // Walk the source to number the capture groups in order and record their names.
  const src = regexp.source;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      for (i++; i < src.length && src[i] !== ']'; i++) if (src[i] === '\\') i++;
      continue;
    }
    if (c !== '(') continue;
    if (src[i + 1] !== '?') names.push(undefined);
    else {
      const named = /^\(\?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(src.slice(i));
      if (named) names.push(named[1]);
    }
  }
  const compiled = { regexp, groupCount, names: names.slice(0, groupCount) };
  cache.set(pattern, compiled);
  return compiled;
}

/** cty's result type for a pattern: string without groups, object when all groups are named, else tuple. */
export function patternResultType(p: CompiledPattern): Type {
  if (p.groupCount === 0) return STRING;
  const named = p.names.filter((n) => n !== undefined).length;
  if (named > 0 && named < p.groupCount) {
    throw new ValueError('invalid regexp pattern: cannot mix both named and unnamed capture groups');
  }
  if (named === p.groupCount) {
    const attrs: Record<string, Type> = {};
    for (const n of p.names) attrs[n as string] = STRING;
    return objectOf(attrs);
  }
  return tupleOf(p.names.map(() => STRING));
}

/** The result value for one match, shaped by patternResultType; unmatched groups are null strings. */
export function patternResult(p: CompiledPattern, match: RegExpExecArray): Value {
  if (p.groupCount === 0) return stringVal(match[0]);
  const groups = p.names.map((_, i) => {
    const g = match[i + 1];
    return g === undefined ? nullVal(STRING) : stringVal(g);
  });
  if (p.names.every((n) => n !== undefined)) {
    const attrs: Record<string, Value> = {};
    p.names.forEach((n, i) => {
      attrs[n as string] = groups[i] as Value;
    });
    return objectVal(attrs);
  }
  return tupleVal(groups);
}

/** All non-overlapping matches, as Go's FindAllStringSubmatch (an empty match right after a match is skipped). */
export function allMatches(p: CompiledPattern, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  for (const m of eachMatch(p, text)) {
    out.push(m);
    checkCollectionLength(out.length, 'the list of matches');
  }
  return out;
}

/** The matches one at a time, as Go's FindAll finds them (an empty match never right after another). */
export function* eachMatch(p: CompiledPattern, text: string): Generator<RegExpExecArray> {
  const re = new RegExp(p.regexp.source, p.regexp.flags);
  let prevEnd = -1;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex = m.index + ((text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
      if (m.index === prevEnd) continue;
    }
    yield m;
    prevEnd = m.index + m[0].length;
  }
}

/**
 * Go's `Regexp.ReplaceAllString`: `$1`, `${1}`, `$name`, `${name}` expand to groups (a name is
 * the longest run of letters, digits and `_`; a missing group expands to nothing), `$$` is `$`.
 */
export function replaceAllGo(p: CompiledPattern, text: string, template: string): string {
  let out = '';
  let last = 0;
  for (const m of eachMatch(p, text)) {
    out += text.slice(last, m.index) + expandTemplate(template, m, p);
    last = m.index + m[0].length;
    checkStringLength(out.length + text.length - last);
  }
  return out + text.slice(last);
}

function expandTemplate(template: string, m: RegExpExecArray, p: CompiledPattern): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '$') {
      out += c;
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    const braced = /^\{([A-Za-z0-9_]+)\}/.exec(template.slice(i + 1));
    const bare = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
    const name = braced ? braced[1] : bare?.[0];
    if (name === undefined) {
      out += '$';
      continue;
    }
    i += braced ? braced[0].length : name.length;
    if (/^\d+$/.test(name)) {
      const n = Number.parseInt(name, 10);
      out += n <= p.groupCount ? (m[n] ?? '') : '';
    } else {
      out += m.groups?.[name] ?? '';
    }
  }
  return out;
}
