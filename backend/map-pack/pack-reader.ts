/**
 * Reading an offline street-map pack, PMTiles (Protomaps) or MBTiles (OpenMapTiles, tilemaker,
 * QGIS), through one interface: header facts, and tiles by z/x/y as uncompressed MVT bytes.
 * PMTiles is read with the `pmtiles` package over a file source doing positioned reads (the
 * same range reads the renderer makes over HTTP); MBTiles with SQLite, read-only.
 */
import Database from 'better-sqlite3';
import { open, type FileHandle } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import {
  Compression,
  PMTiles,
  readVarint,
  tileIdToZxy,
  type Entry,
  type RangeResponse,
  type Source,
} from 'pmtiles';

export type PackFormat = 'pmtiles' | 'mbtiles';

export interface PackInfo {
  format: PackFormat;
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north]. */
  bounds: [number, number, number, number];
  /** Vector layer names the pack declares (may be empty when its metadata does not say). */
  layers: string[];
  /** The pack's own credit line (plain text as stored; may contain HTML from its maker). */
  attribution: string;
}

export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

export interface MapPackReader {
  readonly path: string;
  info(): Promise<PackInfo>;
  /** Uncompressed MVT bytes, or null when the pack has no such tile. */
  getTile(z: number, x: number, y: number): Promise<Uint8Array | null>;
  /** Every tile the pack stores at zoom `z`. */
  tilesAt(z: number): Promise<TileCoord[]>;
  close(): Promise<void>;
}

export class MapPackError extends Error {}

/** Which format a file is, by its first bytes (never by its name). */
export async function sniffPackFormat(path: string): Promise<PackFormat> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(16);
    await fh.read(head, 0, 16, 0);
    if (head.subarray(0, 7).toString('latin1') === 'PMTiles') return 'pmtiles';
    if (head.toString('latin1').startsWith('SQLite format 3')) return 'mbtiles';
  } finally {
    await fh.close();
  }
  throw new MapPackError('Not a map pack: expected a PMTiles or MBTiles file.');
}

export async function openMapPack(path: string): Promise<MapPackReader> {
  const format = await sniffPackFormat(path);
  return format === 'pmtiles' ? openPmtiles(path) : openMbtiles(path);
}

function decompress(buf: Uint8Array, compression: Compression): Uint8Array {
  if (compression === Compression.None || compression === Compression.Unknown) return buf;
  if (compression === Compression.Gzip) return gunzipSync(buf);
  throw new MapPackError(`Unsupported compression in map pack (${Compression[compression]}).`);
}

/** Positioned reads on a local file: the pmtiles Source a desktop app needs. */
class NodeFileSource implements Source {
  private handle: Promise<FileHandle>;
  constructor(private readonly path: string) {
    this.handle = open(path, 'r');
  }
  getKey(): string {
    return this.path;
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const fh = await this.handle;
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, offset);
    const data = buf.buffer.slice(buf.byteOffset, buf.byteOffset + bytesRead) as ArrayBuffer;
    return { data };
  }
  async close(): Promise<void> {
    await (await this.handle).close();
  }
}

/** PMTiles v3 directory bytes (decompressed) -> entries. */
function deserializeDirectory(bytes: Uint8Array): Entry[] {
  const p = { buf: bytes, pos: 0 };
  const n = readVarint(p);
  const entries: Entry[] = [];
  let lastId = 0;
  for (let i = 0; i < n; i++) {
    lastId += readVarint(p);
    entries.push({ tileId: lastId, offset: 0, length: 0, runLength: 1 });
  }
  for (const e of entries) e.runLength = readVarint(p);
  for (const e of entries) e.length = readVarint(p);
  entries.forEach((e, i) => {
    const v = readVarint(p);
    const prev = entries[i - 1];
    e.offset = v === 0 && prev ? prev.offset + prev.length : v - 1;
  });
  return entries;
}

async function openPmtiles(path: string): Promise<MapPackReader> {
  const source = new NodeFileSource(path);
  const pm = new PMTiles(source, undefined, async (buf, compression) => {
    const out = decompress(new Uint8Array(buf), compression);
    return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
  });
  const header = await pm.getHeader().catch((e: unknown) => {
    throw new MapPackError(`Unreadable PMTiles file: ${(e as Error).message}`);
  });
  const read = async (offset: number, length: number) =>
    new Uint8Array((await source.getBytes(offset, length)).data);

  return {
    path,
    async info() {
      const meta = (await pm.getMetadata().catch(() => ({}))) as {
        vector_layers?: Array<{ id: string }>;
        attribution?: unknown;
      };
      return {
        format: 'pmtiles',
        minZoom: header.minZoom,
        maxZoom: header.maxZoom,
        bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
        layers: (meta.vector_layers ?? []).map((l) => l.id),
        attribution: typeof meta.attribution === 'string' ? meta.attribution : '',
      };
    },
    async getTile(z, x, y) {
      const r = await pm.getZxy(z, x, y);
      return r ? new Uint8Array(r.data) : null;
    },
    async tilesAt(z) {
      const out: TileCoord[] = [];
      const walk = async (offset: number, length: number) => {
        const dir = deserializeDirectory(
          decompress(await read(offset, length), header.internalCompression),
        );
        for (const e of dir) {
          if (e.runLength === 0) {
            await walk(header.leafDirectoryOffset + e.offset, e.length);
            continue;
          }
          for (let id = e.tileId; id < e.tileId + e.runLength; id++) {
            const [tz, tx, ty] = tileIdToZxy(id);
            if (tz === z) out.push({ z: tz, x: tx, y: ty });
          }
        }
      };
      await walk(header.rootDirectoryOffset, header.rootDirectoryLength);
      return out;
    },
    close: () => source.close(),
  };
}

async function openMbtiles(path: string): Promise<MapPackReader> {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.prepare('SELECT 1 FROM tiles LIMIT 1').get();
  } catch (e) {
    throw new MapPackError(`Not an MBTiles file (${(e as Error).message}).`);
  }
  const meta = new Map(
    (
      db.prepare('SELECT name, value FROM metadata').all() as Array<{ name: string; value: string }>
    ).map((r) => [r.name, r.value]),
  );
  const getTile = db.prepare(
    'SELECT tile_data AS data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?',
  );
  const tilesAt = db.prepare(
    'SELECT tile_column AS x, tile_row AS row FROM tiles WHERE zoom_level = ?',
  );
  const zooms = db
    .prepare('SELECT MIN(zoom_level) AS lo, MAX(zoom_level) AS hi FROM tiles')
    .get() as {
    lo: number | null;
    hi: number | null;
  };
  return {
    path,
    async info() {
      const bounds = (meta.get('bounds') ?? '-180,-85,180,85').split(',').map(Number);
      let layers: string[] = [];
      try {
        const json = JSON.parse(meta.get('json') ?? '{}') as {
          vector_layers?: Array<{ id: string }>;
        };
        layers = (json.vector_layers ?? []).map((l) => l.id);
      } catch {
        layers = [];
      }
      return {
        format: 'mbtiles',
        minZoom: Number(meta.get('minzoom') ?? zooms.lo ?? 0),
        maxZoom: Number(meta.get('maxzoom') ?? zooms.hi ?? 0),
        bounds: [bounds[0] ?? -180, bounds[1] ?? -85, bounds[2] ?? 180, bounds[3] ?? 85],
        layers,
        attribution: meta.get('attribution') ?? '',
      };
    },
    async getTile(z, x, y) {
      // MBTiles rows count from the south (TMS); z/x/y callers count from the north.
      const row = getTile.get(z, x, (1 << z) - 1 - y) as { data: Buffer } | undefined;
      if (!row) return null;
      const bytes = new Uint8Array(row.data);
      return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
    },
    async tilesAt(z) {
      return (tilesAt.all(z) as Array<{ x: number; row: number }>).map((r) => ({
        z,
        x: r.x,
        y: (1 << z) - 1 - r.row,
      }));
    },
    async close() {
      db.close();
    },
  };
}
