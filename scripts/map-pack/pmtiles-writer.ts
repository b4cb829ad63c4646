/**
 * A minimal PMTiles v3 writer (the `pmtiles` package only reads): one root directory, no leaf
 * directories, so it suits packs whose directory fits in the first 16 KiB (a few thousand
 * tiles) — test packs, not a region extract (use `pmtiles extract` for those).
 * Spec: https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md
 */
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';
import type { BuiltTile } from './mvt-tiles';

const HEADER_BYTES = 127;
const ROOT_LIMIT = 16_384;
const GZIP = 2;
const MVT = 1;

function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

interface DirEntry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

function serializeDirectory(entries: readonly DirEntry[]): Uint8Array {
  const out: number[] = [];
  writeVarint(out, entries.length);
  let last = 0;
  for (const e of entries) {
    writeVarint(out, e.tileId - last);
    last = e.tileId;
  }
  for (const e of entries) writeVarint(out, e.runLength);
  for (const e of entries) writeVarint(out, e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    writeVarint(out, prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  return Uint8Array.from(out);
}

export interface PackBounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface PackMetadata {
  name: string;
  attribution: string;
  vector_layers: Array<{ id: string; fields: Record<string, string> }>;
}

/** The whole archive as bytes. Tiles are gzip'd MVT, stored in tile-id order (clustered). */
export function writePmtiles(
  tiles: readonly BuiltTile[],
  bounds: PackBounds,
  metadata: PackMetadata,
): Uint8Array {
  const sorted = tiles
    .map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: gzipSync(t.data, { level: 9 }), t }))
    .sort((a, b) => a.id - b.id);
  const entries: DirEntry[] = [];
  let offset = 0;
  for (const s of sorted) {
    entries.push({ tileId: s.id, offset, length: s.data.length, runLength: 1 });
    offset += s.data.length;
  }
  const root = gzipSync(serializeDirectory(entries), { level: 9 });
  if (HEADER_BYTES + root.length > ROOT_LIMIT)
    throw new Error(`root directory too large for one-level archive (${root.length} bytes)`);
  const meta = gzipSync(Buffer.from(JSON.stringify(metadata)), { level: 9 });
  const rootOffset = HEADER_BYTES;
  const metaOffset = rootOffset + root.length;
  const dataOffset = metaOffset + meta.length;
  const zooms = tiles.map((t) => t.z);
  const minZoom = Math.min(...zooms);
  const maxZoom = Math.max(...zooms);

  const header = Buffer.alloc(HEADER_BYTES);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const u64 = (at: number, v: number) => header.writeBigUInt64LE(BigInt(v), at);
  u64(8, rootOffset);
  u64(16, root.length);
  u64(24, metaOffset);
  u64(32, meta.length);
  u64(40, 0); // no leaf directories
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, offset);
  u64(72, entries.length); // addressed tiles
  u64(80, entries.length); // tile entries
  u64(88, entries.length); // tile contents
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(GZIP, 97); // internal compression
  header.writeUInt8(GZIP, 98); // tile compression
  header.writeUInt8(MVT, 99);
  header.writeUInt8(minZoom, 100);
  header.writeUInt8(maxZoom, 101);
  const e7 = (v: number) => Math.round(v * 1e7);
  header.writeInt32LE(e7(bounds.west), 102);
  header.writeInt32LE(e7(bounds.south), 106);
  header.writeInt32LE(e7(bounds.east), 110);
  header.writeInt32LE(e7(bounds.north), 114);
  header.writeUInt8(Math.min(maxZoom, 12), 118);
  header.writeInt32LE(e7((bounds.west + bounds.east) / 2), 119);
  header.writeInt32LE(e7((bounds.south + bounds.north) / 2), 123);

  return Buffer.concat([header, root, meta, ...sorted.map((s) => s.data)]);
}
