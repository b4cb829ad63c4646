/**
 * Consoles send their auth token in the first message, so a relay reached across a network must
 * be reached over TLS. Plain `http://` / `ws://` is allowed only to this computer (loopback).
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Whether `url` would carry the auth token in clear text to another machine. */
export function isInsecureRelayUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false; // not a URL: the input schema says so
  }
  if (parsed.protocol === 'https:' || parsed.protocol === 'wss:') return false;
  return !isLoopbackHost(parsed.hostname);
}
