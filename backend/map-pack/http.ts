/**
 * The browser host's map-pack routes, token-guarded like the API:
 *   GET /map-pack/<file>.pmtiles?token=…            byte ranges of the installed pack
 *   GET /map-pack/tiles/<z>/<x>/<y>.mvt?token=…     one tile, any pack format
 * Only the installed pack is ever read; the file name in the URL must be its name.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename } from 'node:path';
import type { BackendContext } from '../context';
import { installedPack, installedPackPath } from './pack-store';
import { servePackRange, servePackTile, type PackResponse } from './serve';

export const MAP_PACK_PREFIX = '/map-pack/';

export function isMapPackRequest(req: IncomingMessage): boolean {
  return new URL(req.url ?? '/', 'http://127.0.0.1').pathname.startsWith(MAP_PACK_PREFIX);
}

const TILE = /^tiles\/(\d{1,2})\/(\d{1,7})\/(\d{1,7})\.mvt$/;

/** The response for a map-pack path (below MAP_PACK_PREFIX), shared with Electron's app://. */
export async function mapPackResponse(
  ctx: BackendContext,
  rest: string,
  range: string | undefined,
  method: string,
): Promise<PackResponse> {
  const notFound: PackResponse = {
    status: 404,
    headers: { 'Content-Type': 'text/plain' },
    body: null,
  };
  const tile = TILE.exec(rest);
  if (tile) {
    const pack = await installedPack(ctx).catch(() => null);
    if (!pack) return notFound;
    return servePackTile(pack.reader, Number(tile[1]), Number(tile[2]), Number(tile[3]));
  }
  const path = await installedPackPath(ctx);
  if (!path || decodeURIComponent(rest) !== basename(path)) return notFound;
  return servePackRange(path, range, method);
}

export async function serveMapPackHttp(
  ctx: BackendContext,
  req: IncomingMessage,
  res: ServerResponse,
  tokenOk: (candidate: string | null) => boolean,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (!tokenOk(url.searchParams.get('token'))) {
    res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden');
    return;
  }
  try {
    const r = await mapPackResponse(
      ctx,
      url.pathname.slice(MAP_PACK_PREFIX.length),
      req.headers.range,
      req.method ?? 'GET',
    );
    res.writeHead(r.status, r.headers).end(r.body ?? undefined);
  } catch {
    res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Map pack unreadable');
  }
}

/**
 * The same routes as a fetch-style handler, for Electron's app:// protocol (reachable only from
 * the app's own window, so no token): `protocol.handle` passes the Range header through.
 */
export async function mapPackFetchResponse(
  ctx: BackendContext,
  request: Request,
): Promise<Response> {
  const url = new URL(request.url);
  try {
    const r = await mapPackResponse(
      ctx,
      url.pathname.slice(MAP_PACK_PREFIX.length),
      request.headers.get('range') ?? undefined,
      request.method,
    );
    return new Response(r.body && request.method !== 'HEAD' ? new Uint8Array(r.body) : null, {
      status: r.status,
      headers: r.headers,
    });
  } catch {
    return new Response('Map pack unreadable', { status: 500 });
  }
}
