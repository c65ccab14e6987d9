/** Go's `path/filepath` on Unix, written out so that the engine needs no `node:path`. */

export function isAbs(p: string): boolean {
  return p.startsWith('/');
}

/** filepath.Clean: shortest equivalent path, `.` for empty. */
export function clean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

export function join(...parts: string[]): string {
  const nonEmpty = parts.filter((p) => p !== '');
  return nonEmpty.length === 0 ? '' : clean(nonEmpty.join('/'));
}

/** filepath.Base: the last element; `.` for empty, `/` for the root. */
export function base(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** filepath.Dir: all but the last element, cleaned. */
export function dir(p: string): string {
  const i = p.lastIndexOf('/');
  return clean(p.slice(0, i + 1));
}

/** filepath.Rel for paths already cleaned and both absolute. */
export function rel(from: string, to: string): string {
  const a = clean(from).split('/').filter(Boolean);
  const b = clean(to).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => '..');
  return [...up, ...b.slice(i)].join('/') || '.';
}

/** An absolute path for `p`, resolving a relative one against `dir`. */
export function resolve(dirPath: string, p: string): string {
  return isAbs(p) ? clean(p) : join(dirPath, p);
}
