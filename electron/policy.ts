import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * The Electron shell's security decisions, as pure functions (no `electron` import) so every rule
 * is unit-tested (test/unit/electron-policy.test.ts). electron/main.ts only wires them up.
 *
 * The renderer is treated as untrusted: anything it can reach (URLs it navigates to, files it
 * requests, IPC it sends) is checked here against one fixed origin, app://console.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** An https origin that is safe to paste into a CSP source list (no quotes, spaces, `;`, `*`). */
const SAFE_HTTPS_ORIGIN = /^https:\/\/[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?$/;

/** Leaflet's default `subdomains` ('abc'), used when a template has `{s}` in its host. */
const LEAFLET_DEFAULT_SUBDOMAINS = ['a', 'b', 'c'];

/**
 * The origins a Leaflet tile URL template loads images from. Only https is accepted (a network
 * setting must not be able to downgrade the console to plaintext tiles); anything unparsable or
 * odd yields [] so the CSP simply blocks tiles instead of widening.
 */
export function tileOriginsFromTemplate(template: string): string[] {
  const trimmed = template.trim();
  const match = /^https:\/\/([^/?#]+)/i.exec(trimmed);
  if (!match?.[1]) return [];
  const authority = match[1];
  const hosts = authority.includes('{s}')
    ? LEAFLET_DEFAULT_SUBDOMAINS.map((s) => authority.replaceAll('{s}', s))
    : [authority];
  const origins: string[] = [];
  for (const host of hosts) {
    if (/[{}@\s]/.test(host)) return []; // other placeholders or credentials in the host
    let url: URL;
    try {
      url = new URL(`https://${host}/`);
    } catch {
      return [];
    }
    if (url.protocol !== 'https:' || url.username || url.password) return [];
    if (!SAFE_HTTPS_ORIGIN.test(url.origin)) return [];
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return origins;
}

/**
 * The Content-Security-Policy sent with every app:// response. No 'unsafe-eval' and no inline
 * scripts; inline *styles* are allowed because Leaflet positions tiles and markers with style
 * attributes. The tile servers appear in img-src only: they may serve images, never script or
 * data the renderer can read (connect-src stays 'self').
 */
export function buildContentSecurityPolicy({
  tileOrigins,
}: {
  tileOrigins: readonly string[];
}): string {
  const tiles = tileOrigins.filter((origin) => SAFE_HTTPS_ORIGIN.test(origin));
  const directives: [string, ...string[]][] = [
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:', ...tiles],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((parts) => parts.join(' ')).join('; ');
}

/** Parses a URL and accepts it only if it is exactly on app://console (no credentials, no port). */
function parseAppUrl(value: string): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  if (url.username || url.password) return null;
  return url;
}

/** Windows may only ever show the console itself: every other navigation is refused. */
export function isAllowedNavigation(url: string): boolean {
  return typeof url === 'string' && parseAppUrl(url) !== null;
}

/** IPC is answered only for frames showing the console (not a page it was tricked into loading). */
export function isTrustedSender(frameUrl: string | undefined | null): boolean {
  return typeof frameUrl === 'string' && frameUrl.length > 0 && parseAppUrl(frameUrl) !== null;
}

/**
 * Maps app://console/<path> to a file under `rootDir` (the built renderer), or null when the
 * request must be refused: another scheme or host, traversal in any spelling (`..`, `%2e%2e`,
 * backslashes, absolute or drive paths), NUL bytes, dotfiles. The raw URL is inspected before
 * the WHATWG parser normalises it away, so a traversal attempt is refused rather than rewritten.
 */
export function resolveAppAsset(rootDir: string, requestUrl: string): string | null {
  if (typeof requestUrl !== 'string' || requestUrl.includes('\0')) return null;
  if (!parseAppUrl(requestUrl)) return null;
  const prefix = `${APP_ORIGIN}/`;
  if (!requestUrl.startsWith(prefix)) return null; // e.g. a different spelling of the host
  const rawPath = requestUrl.slice(prefix.length).split(/[?#]/, 1)[0] ?? '';
  if (rawPath.includes('\\') || /%5c/i.test(rawPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null; // malformed percent-encoding
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.includes(':')) return null;
  if (decoded.startsWith('/') || isAbsolute(decoded)) return null;
  const segments = decoded.split('/');
  if (segments.some((segment) => segment.startsWith('.'))) return null; // '.', '..', dotfiles
  const relativePath = decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;

  // Belt and braces: the joined path must still be inside the root.
  const root = resolve(rootDir);
  const file = resolve(join(root, relativePath));
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || !file.startsWith(root + sep))
    return null;
  return file;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Explicit MIME types: module scripts are rejected without a JavaScript type, and we send nosniff. */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
