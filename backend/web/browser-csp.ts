/**
 * The browser-mode page gets the same policy as the Electron window: only its own scripts,
 * images from itself and the configured tile server, WebSocket back to its own host.
 */
export function buildBrowserCsp(tileUrl: string): string {
  let tileOrigin = '';
  try {
    const url = new URL(tileUrl.replace(/\{[a-z]\}/g, 'a'));
    if (url.protocol === 'https:')
      tileOrigin = tileUrl.includes('{s}')
        ? `https://*.${url.host.split('.').slice(1).join('.')}`
        : url.origin;
  } catch {
    tileOrigin = '';
  }
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tileOrigin ? ` ${tileOrigin}` : ''}`,
    "font-src 'self'",
    "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
