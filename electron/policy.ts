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

// The CSP rules are shared with browser mode (backend/web), so both shells send the same policy.
export {
  buildContentSecurityPolicy,
  tileOriginsFromTemplate,
} from '../shared/security/content-security-policy';

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

/**
 * The console window's webPreferences. Devtools only in a development run: in a packaged build
 * anyone at the keyboard of an unlocked or locked console could otherwise open them and read or
 * call everything the renderer can.
 */
export function consoleWebPreferences(options: { preload: string; packaged: boolean }) {
  return {
    preload: options.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false, // the spellchecker would send words typed into incidents to a service
    safeDialogs: true,
    devTools: !options.packaged,
  } as const;
}
