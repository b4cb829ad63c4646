import {
  buildContentSecurityPolicy,
  tileOriginsFromTemplate,
} from '../../shared/security/content-security-policy';

/**
 * Browser mode sends the Electron window's policy unchanged: connect-src 'self' also covers the
 * WebSocket back to this host (CSP Level 3 matches ws: to the page's own host for 'self').
 */
export function buildBrowserCsp(tileUrl: string): string {
  return buildContentSecurityPolicy({ tileOrigins: tileOriginsFromTemplate(tileUrl) });
}
