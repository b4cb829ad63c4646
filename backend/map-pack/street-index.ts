/**
 * The street index of a map pack: every named road piece of the pack's road layer at its
 * highest zoom, per town, in a SQLite cache file beside the pack (`<pack>.streets.sqlite`), with
 * an R*Tree over the pieces' bounding boxes. The cache is derived data: rebuilt whenever the
 * pack's size or modification time (or this index's version) differs; never in the console db.
 *
 * Towns: packs carry no municipal boundaries, so a piece belongs to the town whose gazetteer
 * centre is nearest its midpoint (shared/geo nearestTown). Near a town line that can name the
 * neighbour; the street is still found, under the neighbour's name.
 */
import Database from 'better-sqlite3';
import { renameSync, rmSync, statSync } from 'node:fs';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { LineString, MultiLineString, Point } from 'geojson';
import { nearestTown } from '../../shared/geo/nearest-town';
import { foldTokens } from '../../shared/geo/normalize';
import { nearestPointOnLine, type Polyline } from '../../shared/geo/polyline';
import type { Landmark, StreetLookup, StreetSegment } from '../../shared/geo/street-lookup';
import { streetName } from '../../shared/geo/street-name';
import type { MapPackReader } from './pack-reader';

const INDEX_VERSION = '1';
/** Road layers by schema: Protomaps, OpenMapTiles (names live in transportation_name), others. */
const ROAD_LAYERS = ['roads', 'transportation_name', 'transportation', 'road', 'streets'];
const POI_LAYERS = ['pois', 'poi', 'points_of_interest'];
const NAME_FIELDS = ['name', 'name:en', 'name_en', 'name:latin'];
const KIND_FIELDS = ['kind', 'class', 'subclass'];

export function streetIndexPath(packPath: string): string {
  return `${packPath}.streets.sqlite`;
}

function packSignature(packPath: string): string {
  const st = statSync(packPath);
  return `${INDEX_VERSION}:${st.size}:${Math.round(st.mtimeMs)}`;
}

const SCHEMA = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE segments (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL, base TEXT NOT NULL,
    town TEXT NOT NULL, line TEXT NOT NULL
  );
  CREATE INDEX segments_base_town ON segments (base, town);
  CREATE VIRTUAL TABLE segments_rtree USING rtree (id, min_lon, max_lon, min_lat, max_lat);
  CREATE TABLE landmarks (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, town TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, words TEXT NOT NULL
  );
`;

function firstString(props: Record<string, unknown>, fields: readonly string[]): string | null {
  for (const f of fields) {
    const v = props[f];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return null;
}

function linesOf(g: LineString | MultiLineString): Polyline[] {
  const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
  return lines
    .filter((l) => l.length >= 2)
    .map((l) => l.map(([lon, lat]) => [round7(lon!), round7(lat!)] as const));
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

export interface IndexStats {
  segments: number;
  landmarks: number;
  tiles: number;
  zoom: number;
  ms: number;
}

/** Reads the pack's highest zoom and writes a fresh cache file. */
export async function buildStreetIndex(
  reader: MapPackReader,
  cacheFile = streetIndexPath(reader.path),
): Promise<IndexStats> {
  const t0 = performance.now();
  const info = await reader.info();
  const zoom = info.maxZoom;
  const tmp = `${cacheFile}.building`;
  rmSync(tmp, { force: true });
  const db = new Database(tmp);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(SCHEMA);
  const putSeg = db.prepare(
    'INSERT INTO segments (name, key, base, town, line) VALUES (?, ?, ?, ?, ?)',
  );
  const putBox = db.prepare('INSERT INTO segments_rtree VALUES (?, ?, ?, ?, ?)');
  const putMark = db.prepare(
    'INSERT INTO landmarks (name, kind, town, lat, lon, words) VALUES (?, ?, ?, ?, ?, ?)',
  );
  let segments = 0;
  let landmarks = 0;
  const tiles = await reader.tilesAt(zoom);
  const insertTile = (tile: VectorTile, x: number, y: number) => {
    const roadLayer = ROAD_LAYERS.map((n) => tile.layers[n]).find(Boolean);
    for (let i = 0; roadLayer && i < roadLayer.length; i++) {
      const f = roadLayer.feature(i);
      const name = firstString(f.properties, NAME_FIELDS);
      const key = name ? streetName(name) : null;
      if (!name || !key || f.type !== 2) continue;
      for (const line of linesOf(
        f.toGeoJSON(x, y, zoom).geometry as LineString | MultiLineString,
      )) {
        const mid = line[Math.floor(line.length / 2)]!;
        const town = nearestTown(mid[1], mid[0]).name;
        const id = Number(
          putSeg.run(name, key.key, key.base, town, JSON.stringify(line)).lastInsertRowid,
        );
        const lons = line.map((p) => p[0]);
        const lats = line.map((p) => p[1]);
        putBox.run(id, Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats));
        segments++;
      }
    }
    const poiLayer = POI_LAYERS.map((n) => tile.layers[n]).find(Boolean);
    for (let i = 0; poiLayer && i < poiLayer.length; i++) {
      const f = poiLayer.feature(i);
      const name = firstString(f.properties, NAME_FIELDS);
      if (!name || f.type !== 1) continue;
      const kind = firstString(f.properties, KIND_FIELDS) ?? '';
      const [lon, lat] = (f.toGeoJSON(x, y, zoom).geometry as Point).coordinates as [
        number,
        number,
      ];
      // A point in a tile's buffer is stored by its neighbour too: keep it once.
      if (Math.floor(((lon + 180) / 360) * 2 ** zoom) !== x) continue;
      const town = nearestTown(lat, lon).name;
      putMark.run(
        name,
        kind,
        town,
        round7(lat),
        round7(lon),
        foldTokens(`${name} ${kind}`).join(' '),
      );
      landmarks++;
    }
  };
  // One transaction for the whole build (the file is private until renamed into place).
  try {
    db.exec('BEGIN');
    for (const { x, y } of tiles) {
      const bytes = await reader.getTile(zoom, x, y);
      if (bytes) insertTile(new VectorTile(new PbfReader(bytes)), x, y);
    }
    db.prepare('INSERT INTO meta VALUES (?, ?)').run('signature', packSignature(reader.path));
    db.exec('COMMIT');
  } catch (e) {
    // A pack with a corrupt tile leaves no half-built index behind.
    db.close();
    rmSync(tmp, { force: true });
    throw e;
  }
  db.close();
  rmSync(cacheFile, { force: true });
  renameSync(tmp, cacheFile);
  return { segments, landmarks, tiles: tiles.length, zoom, ms: performance.now() - t0 };
}

export interface StreetIndex extends StreetLookup {
  /** Every indexed street once per town, sorted by town then name. */
  streets(): Array<{ name: string; town: string; segments: number }>;
  /** The indexed street nearest a point within `radiusM` (R*Tree), for snapping a pin. */
  nearestStreet(
    lat: number,
    lon: number,
    radiusM?: number,
  ): (StreetSegment & { lat: number; lon: number; distanceM: number }) | null;
  counts(): { segments: number; landmarks: number; towns: number };
  close(): void;
}

/** Opens the cache when it matches the pack; null when it is missing or stale. */
export function openStreetIndex(
  packPath: string,
  cacheFile = streetIndexPath(packPath),
): StreetIndex | null {
  let db: Database.Database;
  try {
    db = new Database(cacheFile, { readonly: true, fileMustExist: true });
    const sig = db.prepare("SELECT value FROM meta WHERE key = 'signature'").get() as
      { value: string } | undefined;
    if (sig?.value !== packSignature(packPath)) {
      db.close();
      return null;
    }
  } catch {
    return null;
  }
  const byKey = db.prepare(
    'SELECT name, town, line FROM segments WHERE base = ? AND key = ? AND (? IS NULL OR town = ?)',
  );
  const byBase = db.prepare(
    'SELECT name, town, line FROM segments WHERE base = ? AND (? IS NULL OR town = ?)',
  );
  const near = db.prepare(
    `SELECT s.name, s.town, s.line FROM segments_rtree r JOIN segments s ON s.id = r.id
     WHERE r.max_lon >= ? AND r.min_lon <= ? AND r.max_lat >= ? AND r.min_lat <= ?`,
  );
  const toSegment = (r: { name: string; town: string; line: string }): StreetSegment => ({
    name: r.name,
    town: r.town,
    line: JSON.parse(r.line) as Polyline,
  });
  return {
    segments(name, town) {
      const rows = name.typed
        ? byKey.all(name.base, name.key, town, town)
        : byBase.all(name.base, town, town);
      return (rows as Array<{ name: string; town: string; line: string }>).map(toSegment);
    },
    landmarks(words, town) {
      if (words.length === 0) return [];
      const where = words.map(() => "(' ' || words) LIKE ?").join(' AND ');
      const rows = db
        .prepare(
          `SELECT name, kind, town, lat, lon FROM landmarks WHERE ${where} AND (? IS NULL OR town = ?)`,
        )
        .all(...words.map((w) => `% ${w}%`), town, town);
      return rows as Landmark[];
    },
    streets() {
      return db
        .prepare(
          'SELECT name, town, COUNT(*) AS segments FROM segments GROUP BY town, key ORDER BY town, name',
        )
        .all() as Array<{ name: string; town: string; segments: number }>;
    },
    nearestStreet(lat, lon, radiusM = 60) {
      const dLat = radiusM / 111_320;
      const dLon = radiusM / (111_320 * Math.cos((lat * Math.PI) / 180));
      let best: (StreetSegment & { lat: number; lon: number; distanceM: number }) | null = null;
      const rows = near.all(lon - dLon, lon + dLon, lat - dLat, lat + dLat) as Array<{
        name: string;
        town: string;
        line: string;
      }>;
      for (const row of rows) {
        const seg = toSegment(row);
        const p = nearestPointOnLine(seg.line, { lat, lon });
        if (p && p.distanceM <= radiusM && (!best || p.distanceM < best.distanceM))
          best = { ...seg, ...p };
      }
      return best;
    },
    counts() {
      const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      return {
        segments: one('SELECT COUNT(*) AS n FROM segments'),
        landmarks: one('SELECT COUNT(*) AS n FROM landmarks'),
        towns: one('SELECT COUNT(DISTINCT town) AS n FROM segments'),
      };
    },
    close: () => db.close(),
  };
}

/** The index for a pack, building (or rebuilding) the cache first when needed. */
export async function ensureStreetIndex(
  reader: MapPackReader,
  cacheFile = streetIndexPath(reader.path),
): Promise<StreetIndex> {
  const existing = openStreetIndex(reader.path, cacheFile);
  if (existing) return existing;
  await buildStreetIndex(reader, cacheFile);
  const built = openStreetIndex(reader.path, cacheFile);
  if (!built) throw new Error(`street index ${cacheFile} could not be opened after building`);
  return built;
}
