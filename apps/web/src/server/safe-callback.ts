/** A stand-in origin for resolving what the browser would make of a callback URL. */
const HERE = 'http://kiln.invalid';

/**
 * Where to go after signing in: a path on this site only. The URL is resolved as a browser resolves it (so
 * `/\evil.com`, `//evil.com`, `/\t/evil.com` and `https://evil.com` are seen for the other origins they
 * are), and anything that leaves the site becomes `/`. An absolute URL of this site (`ownOrigin`) keeps its path.
 */
export function safeCallbackPath(callbackUrl: string | undefined | null, ownOrigin?: string): string {
  if (!callbackUrl) return '/';
  let resolved: URL;
  try {
    const own = ownOrigin ? new URL(ownOrigin).origin : undefined;
    const absolute = URL.canParse(callbackUrl) ? new URL(callbackUrl) : undefined;
    resolved =
      absolute && own && absolute.origin === own
        ? new URL(absolute.href.slice(own.length), HERE)
        : new URL(callbackUrl, HERE);
  } catch {
    return '/';
  }
  if (resolved.origin !== HERE) return '/';
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // A path that a browser could read as protocol-relative once it is handed back (`//x`, `/\x`).
  return /^\/[/\\]/.test(path) ? '/' : path;
}
