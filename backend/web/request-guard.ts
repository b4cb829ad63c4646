/**
 * Checks every request to the browser-mode host makes before anything else reads it. All of them
 * are total: hostile input yields `null`/`false`, never an exception.
 *
 * DNS rebinding: a web page on evil.example can point its name at 127.0.0.1 and then talk to this
 * port as "same origin". The browser still sends `Host: evil.example:PORT` and
 * `Origin: http://evil.example:PORT`, so only 127.0.0.1 or localhost on the host's own port pass.
 */

export interface RequestTarget {
  /** Percent-decoded path, always starting with '/'. */
  pathname: string;
  searchParams: URLSearchParams;
}

/** Parses an origin-form request target ("/path?query"); null for anything else or bad escapes. */
export function parseRequestTarget(raw: string | undefined): RequestTarget | null {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.length > 4096) return null;
  try {
    // Prefixing (rather than passing a base) keeps "//x" a path instead of a host.
    const url = new URL(`http://127.0.0.1${raw}`);
    const pathname = decodeURIComponent(url.pathname);
    if (pathname.includes('\0')) return null;
    return { pathname, searchParams: url.searchParams };
  } catch {
    return null;
  }
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

/** `Host` must name this host exactly: 127.0.0.1 or localhost, on its own port. */
export function hostHeaderAllowed(host: string | undefined, port: number): boolean {
  if (typeof host !== 'string') return false;
  const lower = host.toLowerCase();
  return LOOPBACK_NAMES.some((name) => lower === `${name}:${port}`);
}

/**
 * `Origin` (sent by every browser on a WebSocket) must be this host's own page. A missing Origin
 * is a non-browser local client, which still needs the token.
 */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  const lower = origin.toLowerCase();
  return LOOPBACK_NAMES.some((name) => lower === `http://${name}:${port}`);
}
