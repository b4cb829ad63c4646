/**
 * Serving the installed pack to the renderer: byte ranges of the .pmtiles file (what the
 * `pmtiles` reader in protomaps-leaflet asks for), and single tiles by z/x/y for any format
 * (MBTiles cannot be range-read by a browser). Both are functions from the request's facts to
 * a response, so the browser host and Electron's app:// handler share them.
 */
import { open, stat } from 'node:fs/promises';
import type { MapPackReader } from './pack-reader';

export interface PackResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | null;
}

/** Without a Range header a client gets the whole file only when it is this small. */
const WHOLE_FILE_LIMIT = 16 * 1024 * 1024;
const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Accept-Ranges': 'bytes',
};

function plain(status: number, text: string, extra: Record<string, string> = {}): PackResponse {
  return {
    status,
    headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra },
    body: new TextEncoder().encode(text),
  };
}

/** "bytes=0-126", "bytes=512-", "bytes=-100" -> [start, end] inclusive; null if unsatisfiable. */
export function parseRange(header: string, size: number): [number, number] | null | 'invalid' {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return null;
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return null;
  return [start, end];
}

/** GET/HEAD of the pack file with an optional Range header (one range; no multipart). */
export async function servePackRange(
  packPath: string,
  range: string | undefined,
  method: string = 'GET',
): Promise<PackResponse> {
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method not allowed');
  let size: number;
  let etag: string;
  try {
    const st = await stat(packPath);
    size = st.size;
    etag = `"${st.size.toString(16)}-${Math.round(st.mtimeMs).toString(16)}"`;
  } catch {
    return plain(404, 'No map pack installed');
  }
  const type = { 'Content-Type': 'application/octet-stream', ETag: etag };
  let span: [number, number];
  if (range === undefined) {
    if (size > WHOLE_FILE_LIMIT) return plain(416, 'Ask for a byte range', type);
    span = [0, size - 1];
  } else {
    const parsed = parseRange(range, size);
    if (parsed === 'invalid' || parsed === null)
      return plain(416, 'Range not satisfiable', { 'Content-Range': `bytes */${size}` });
    span = parsed;
  }
  const length = span[1] - span[0] + 1;
  const headers: Record<string, string> = {
    ...BASE_HEADERS,
    ...type,
    'Content-Length': String(Math.max(0, length)),
  };
  if (range !== undefined) headers['Content-Range'] = `bytes ${span[0]}-${span[1]}/${size}`;
  const status = range === undefined ? 200 : 206;
  if (method === 'HEAD' || length <= 0) return { status, headers, body: null };
  const fh = await open(packPath, 'r');
  try {
    const body = Buffer.alloc(length);
    await fh.read(body, 0, length, span[0]);
    return { status, headers, body };
  } finally {
    await fh.close();
  }
}

/** One tile as gzip-free MVT (protomaps-leaflet's z/x/y source), or 404 outside the pack. */
export async function servePackTile(
  reader: MapPackReader,
  z: number,
  x: number,
  y: number,
): Promise<PackResponse> {
  const valid = [z, x, y].every(Number.isInteger) && z >= 0 && z <= 22;
  if (!valid || x < 0 || y < 0 || x >= 2 ** z || y >= 2 ** z) return plain(404, 'No such tile');
  const tile = await reader.getTile(z, x, y);
  if (!tile) return plain(404, 'No such tile');
  return {
    status: 200,
    headers: {
      ...BASE_HEADERS,
      'Content-Type': 'application/vnd.mapbox-vector-tile',
      'Content-Length': String(tile.length),
    },
    body: tile,
  };
}
