/**
 * An MBTiles 1.3 file (SQLite: `metadata` and `tiles`, gzip'd MVT, TMS row order), as
 * tilemaker and OpenMapTiles write them.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { BuiltTile } from './mvt-tiles';
import type { PackBounds, PackMetadata } from './pmtiles-writer';

export function writeMbtiles(
  file: string,
  tiles: readonly BuiltTile[],
  bounds: PackBounds,
  metadata: PackMetadata,
): void {
  rmSync(file, { force: true });
  const db = new Database(file);
  try {
    db.exec(`
      CREATE TABLE metadata (name TEXT, value TEXT);
      CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
      CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);
    `);
    const zooms = tiles.map((t) => t.z);
    const meta: Record<string, string> = {
      name: metadata.name,
      format: 'pbf',
      type: 'baselayer',
      version: '1',
      attribution: metadata.attribution,
      minzoom: String(Math.min(...zooms)),
      maxzoom: String(Math.max(...zooms)),
      bounds: [bounds.west, bounds.south, bounds.east, bounds.north].join(','),
      center: `${(bounds.west + bounds.east) / 2},${(bounds.south + bounds.north) / 2},12`,
      json: JSON.stringify({ vector_layers: metadata.vector_layers }),
    };
    const putMeta = db.prepare('INSERT INTO metadata (name, value) VALUES (?, ?)');
    const putTile = db.prepare(
      'INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)',
    );
    db.transaction(() => {
      for (const [k, v] of Object.entries(meta)) putMeta.run(k, v);
      for (const t of tiles)
        putTile.run(t.z, t.x, (1 << t.z) - 1 - t.y, gzipSync(t.data, { level: 9 }));
    })();
    db.exec('VACUUM');
  } finally {
    db.close();
  }
}
