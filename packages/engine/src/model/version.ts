/** The Packer version Kiln behaves as; `packer { required_version }` is checked against it. */
export const PACKER_COMPATIBLE_VERSION = '1.16.0';

function parts(version: string): number[] | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/.exec(version.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Checks a version against a constraint such as `>= 1.10.0, < 2.0.0` or `~> 1.9`.
 * Returns an error message for a malformed constraint.
 */
export function satisfiesVersion(version: string, constraint: string): boolean | { error: string } {
  const have = parts(version);
  if (!have) return { error: `"${version}" is not a version` };
  for (const raw of constraint.split(',')) {
    const m = /^\s*(=|!=|>=|<=|>|<|~>)?\s*(\S+)\s*$/.exec(raw);
    const want = m?.[2] ? parts(m[2]) : undefined;
    if (!m || !want) return { error: `"${raw.trim()}" is not a valid version constraint` };
    const c = compare(have, want);
    const op = m[1] ?? '=';
    let ok: boolean;
    switch (op) {
      case '=':
        ok = c === 0;
        break;
      case '!=':
        ok = c !== 0;
        break;
      case '>':
        ok = c > 0;
        break;
      case '>=':
        ok = c >= 0;
        break;
      case '<':
        ok = c < 0;
        break;
      case '<=':
        ok = c <= 0;
        break;
      default: {
        const segments = (m[2] ?? '').split('.').length;
        const upper = segments <= 2 ? [(want[0] ?? 0) + 1, 0, 0] : [want[0] ?? 0, (want[1] ?? 0) + 1, 0];
        ok = c >= 0 && compare(have, upper) < 0;
      }
    }
    if (!ok) return false;
  }
  return true;
}
