/**
 * Builds the committed test street pack: synthetic streets around Holyoke, Springfield,
 * Northampton and Greenfield (scripts/map-pack/synthetic-streets.ts), as PMTiles with Protomaps
 * layer names (roads, places, pois, water) and as MBTiles with OpenMapTiles names
 * (transportation, place, poi, water), so both formats and both naming schemes are exercised.
 *
 *   npx tsx scripts/build-test-street-pack.ts [out-dir]     (default test/fixtures/map-packs)
 *
 * Deterministic: the same code writes the same bytes (PMTiles) and the same rows (MBTiles).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeMbtiles } from './map-pack/mbtiles-writer';
import { buildMvtTiles, type BuiltTile } from './map-pack/mvt-tiles';
import { writePmtiles, type PackBounds, type PackMetadata } from './map-pack/pmtiles-writer';
import { testPackLayers, type PackLayers } from './map-pack/synthetic-streets';

export const TEST_PACK_MIN_ZOOM = 10;
export const TEST_PACK_MAX_ZOOM = 14;
const ATTRIBUTION = 'Synthetic test streets (fictional geometry); town points: GeoNames, CC BY 4.0';

function boundsOf(layers: PackLayers): PackBounds {
  const b = { west: 180, south: 90, east: -180, north: -90 };
  const add = ([lon, lat]: number[]) => {
    b.west = Math.min(b.west, lon!);
    b.east = Math.max(b.east, lon!);
    b.south = Math.min(b.south, lat!);
    b.north = Math.max(b.north, lat!);
  };
  for (const f of layers.roads.features) f.geometry.coordinates.forEach(add);
  for (const f of layers.water.features) f.geometry.coordinates.flat().forEach(add);
  return b;
}

const fields = (...names: string[]) => Object.fromEntries(names.map((n) => [n, 'String']));

export function buildTestPack(layers: PackLayers = testPackLayers()): {
  pmtiles: { tiles: BuiltTile[]; metadata: PackMetadata };
  mbtiles: { tiles: BuiltTile[]; metadata: PackMetadata };
  bounds: PackBounds;
} {
  const bounds = boundsOf(layers);
  const protomaps = {
    roads: layers.roads,
    places: layers.places,
    pois: layers.pois,
    water: layers.water,
  };
  const openMapTiles = {
    transportation: layers.roads,
    place: layers.places,
    poi: layers.pois,
    water: layers.water,
  };
  const layerList = (names: string[]) =>
    names.map((id) => ({ id, fields: fields('name', 'kind', 'class') }));
  return {
    bounds,
    pmtiles: {
      tiles: buildMvtTiles(protomaps, TEST_PACK_MIN_ZOOM, TEST_PACK_MAX_ZOOM),
      metadata: {
        name: 'Test streets (PMTiles)',
        attribution: ATTRIBUTION,
        vector_layers: layerList(Object.keys(protomaps)),
      },
    },
    mbtiles: {
      tiles: buildMvtTiles(openMapTiles, TEST_PACK_MIN_ZOOM, TEST_PACK_MAX_ZOOM),
      metadata: {
        name: 'Test streets (MBTiles)',
        attribution: ATTRIBUTION,
        vector_layers: layerList(Object.keys(openMapTiles)),
      },
    },
  };
}

export function writeTestPack(outDir: string): { pmtiles: string; mbtiles: string; tiles: number } {
  mkdirSync(outDir, { recursive: true });
  const pack = buildTestPack();
  const pmtiles = join(outDir, 'test-streets.pmtiles');
  const mbtiles = join(outDir, 'test-streets.mbtiles');
  writeFileSync(pmtiles, writePmtiles(pack.pmtiles.tiles, pack.bounds, pack.pmtiles.metadata));
  writeMbtiles(mbtiles, pack.mbtiles.tiles, pack.bounds, pack.mbtiles.metadata);
  return { pmtiles, mbtiles, tiles: pack.pmtiles.tiles.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = writeTestPack(process.argv[2] ?? join('test', 'fixtures', 'map-packs'));
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
