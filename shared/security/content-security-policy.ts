/**
 * The Content-Security-Policy both shells send (Electron's app:// responses and browser mode's
 * HTTP responses): only the app's own scripts, images from itself and the configured tile server.
 * Pure, so it is unit-tested (test/unit/electron-policy.test.ts).
 */

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
 * The policy itself. No 'unsafe-eval' and no inline
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
