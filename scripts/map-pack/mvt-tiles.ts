/**
 * GeoJSON layers -> Mapbox Vector Tiles (uncompressed MVT bytes per z/x/y), with geojson-vt
 * cutting the tiles and vt-pbf encoding them.
 */
import type { GeoJSON } from 'geojson';
import GeoJSONVT from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';

export interface BuiltTile {
  z: number;
  x: number;
  y: number;
  /** Uncompressed MVT. */
  data: Uint8Array;
}

export function buildMvtTiles(
  layers: Record<string, GeoJSON>,
  minZoom: number,
  maxZoom: number,
): BuiltTile[] {
  const indexes = Object.entries(layers).map(
    ([name, data]) =>
      [
        name,
        new GeoJSONVT(data, { maxZoom, indexMaxZoom: maxZoom, indexMaxPoints: 0, buffer: 64 }),
      ] as const,
  );
  const coords = new Map<string, { z: number; x: number; y: number }>();
  for (const [, index] of indexes) {
    for (const c of index.tileCoords) if (c.z >= minZoom) coords.set(`${c.z}/${c.x}/${c.y}`, c);
  }
  const out: BuiltTile[] = [];
  for (const { z, x, y } of coords.values()) {
    const tileLayers: Record<string, ReturnType<GeoJSONVT['getTile']> & object> = {};
    for (const [name, index] of indexes) {
      const tile = index.getTile(z, x, y);
      if (tile && tile.features.length) tileLayers[name] = tile;
    }
    if (Object.keys(tileLayers).length === 0) continue;
    out.push({ z, x, y, data: fromGeojsonVt(tileLayers, { version: 2, extent: 4096 }) });
  }
  return out.sort((a, b) => a.z - b.z || a.x - b.x || a.y - b.y);
}
