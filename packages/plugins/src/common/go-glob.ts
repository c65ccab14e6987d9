import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const META = /[*?[\\]/;

/**
 * Go's `filepath.Glob`: the names matching `pattern`, `*` and `?` never crossing a `/`, `[a-z]` and
 * `[^a-z]` classes, `\` escaping. Relative patterns are matched in `cwd` and the names come back
 * relative, as Go returns them from the working directory; each folder's matches sorted by name.
 */
export async function goGlob(pattern: string, cwd: string): Promise<string[]> {
  if (!META.test(pattern)) {
    return (await exists(path.resolve(cwd, pattern))) ? [pattern] : [];
  }
  const dir = path.dirname(pattern);
  const file = path.basename(pattern);
  const dirs = META.test(dir) ? await goGlob(dir, cwd) : [dir];
  const matcher = segmentRegExp(file);
  const matches: string[] = [];
  for (const parent of dirs) {
    let names: string[];
    try {
      names = await readdir(path.resolve(cwd, parent));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      if (matcher.test(name)) matches.push(path.join(parent, name));
    }
  }
  return matches;
}

/** One path segment of a Go pattern as a regular expression; throws Go's `syntax error in pattern`. */
function segmentRegExp(segment: string): RegExp {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '\\') {
      i++;
      if (i >= segment.length) throw new Error('syntax error in pattern');
      out += escapeRegExp(segment[i] as string);
    } else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end === -1) throw new Error('syntax error in pattern');
      let body = segment.slice(i + 1, end);
      const negated = body.startsWith('^');
      if (negated) body = body.slice(1);
      out += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else out += escapeRegExp(c);
  }
  return new RegExp(`^${out}$`, 'u');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
