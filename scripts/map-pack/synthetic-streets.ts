/**
 * Synthetic streets around real town centres, for the committed test pack and the benchmarks.
 * The street names are common New England names; the geometry is invented (straight or gently
 * bent lines laid out from the gazetteer's town point), so nothing here is a real address.
 */
import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';
import { TOWNS } from '../../shared/geo/places';

/** A street laid out in metres from the town centre: x east, y north. */
interface StreetPlan {
  name: string;
  kind: 'major_road' | 'medium_road' | 'minor_road';
  path: Array<[number, number]>;
}

interface TownPlan {
  town: string;
  streets: StreetPlan[];
  library: { name: string; at: [number, number] };
  /** A river strip east or west of the centre, as water. */
  river?: { x0: number; x1: number };
}

const ns = (x: number, y0: number, y1: number): Array<[number, number]> => [
  [x, y0],
  [x + 15, (y0 + y1) / 2],
  [x, y1],
];
const ew = (y: number, x0: number, x1: number): Array<[number, number]> => [
  [x0, y],
  [(x0 + x1) / 2, y + 10],
  [x1, y],
];

export const TEST_PACK_TOWNS: readonly TownPlan[] = [
  {
    town: 'Holyoke',
    streets: [
      { name: 'Main Street', kind: 'major_road', path: ns(0, -1500, 1500) },
      { name: 'High Street', kind: 'major_road', path: ns(400, -1400, 1400) },
      { name: 'Maple Street', kind: 'minor_road', path: ns(800, -1000, 1000) },
      { name: 'Dwight Street', kind: 'medium_road', path: ew(200, -600, 1200) },
      { name: 'Appleton Street', kind: 'medium_road', path: ew(-300, -600, 1200) },
      { name: 'Suffolk Street', kind: 'minor_road', path: ew(700, -600, 1200) },
    ],
    library: { name: 'Holyoke Public Library', at: [450, 350] },
    river: { x0: -1100, x1: -800 },
  },
  {
    town: 'Springfield',
    streets: [
      { name: 'Main Street', kind: 'major_road', path: ns(0, -2000, 2000) },
      { name: 'Dwight Street', kind: 'medium_road', path: ns(300, -1500, 1500) },
      { name: 'Chestnut Street', kind: 'medium_road', path: ns(600, -1500, 1500) },
      { name: 'State Street', kind: 'major_road', path: ew(-200, -800, 2500) },
      { name: 'Worthington Street', kind: 'minor_road', path: ew(300, -800, 1500) },
      { name: 'Boston Road', kind: 'major_road', path: ew(500, 1400, 3000) },
    ],
    library: { name: 'Springfield Central Library', at: [650, -100] },
    river: { x0: -1200, x1: -900 },
  },
  {
    town: 'Northampton',
    streets: [
      { name: 'Main Street', kind: 'major_road', path: ew(0, -1500, 1500) },
      { name: 'King Street', kind: 'major_road', path: ns(-200, 0, 1500) },
      { name: 'Pleasant Street', kind: 'medium_road', path: ns(300, -1200, 200) },
      { name: 'Elm Street', kind: 'medium_road', path: ew(300, -2000, -300) },
      { name: 'State Street', kind: 'minor_road', path: ns(-600, 0, 1000) },
    ],
    library: { name: 'Forbes Library', at: [-700, 400] },
  },
  {
    town: 'Greenfield',
    streets: [
      { name: 'Main Street', kind: 'major_road', path: ew(0, -1500, 1500) },
      { name: 'Federal Street', kind: 'major_road', path: ns(200, -500, 1500) },
      { name: 'High Street', kind: 'medium_road', path: ns(900, -800, 1200) },
      { name: 'Chapman Street', kind: 'minor_road', path: ns(-300, -800, 600) },
    ],
    library: { name: 'Greenfield Public Library', at: [-250, 100] },
  },
];

const M_PER_DEG = 111_320;

function townCentre(name: string): { lat: number; lon: number } {
  const town = TOWNS.find((t) => t.name === name);
  if (!town) throw new Error(`not a town in the gazetteer: ${name}`);
  return town;
}

function toLonLat(c: { lat: number; lon: number }, [x, y]: [number, number]): [number, number] {
  const lon = c.lon + x / (M_PER_DEG * Math.cos((c.lat * Math.PI) / 180));
  const lat = c.lat + y / M_PER_DEG;
  return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
}

export interface PackLayers {
  roads: FeatureCollection<LineString>;
  places: FeatureCollection<Point>;
  pois: FeatureCollection<Point>;
  water: FeatureCollection<Polygon>;
}

/** The four layers of the test pack, in GeoJSON (lon, lat). */
export function testPackLayers(plans: readonly TownPlan[] = TEST_PACK_TOWNS): PackLayers {
  const roads: Feature<LineString>[] = [];
  const places: Feature<Point>[] = [];
  const pois: Feature<Point>[] = [];
  const water: Feature<Polygon>[] = [];
  for (const plan of plans) {
    const c = townCentre(plan.town);
    for (const s of plan.streets) {
      roads.push({
        type: 'Feature',
        properties: { name: s.name, kind: s.kind, class: s.kind.replace('_road', '') },
        geometry: { type: 'LineString', coordinates: s.path.map((p) => toLonLat(c, p)) },
      });
    }
    places.push({
      type: 'Feature',
      properties: { name: plan.town, kind: 'locality', class: 'town' },
      geometry: { type: 'Point', coordinates: toLonLat(c, [0, 0]) },
    });
    pois.push({
      type: 'Feature',
      properties: { name: plan.library.name, kind: 'library', class: 'library' },
      geometry: { type: 'Point', coordinates: toLonLat(c, plan.library.at) },
    });
    if (plan.river) {
      const { x0, x1 } = plan.river;
      const ring = [
        [x0, -2500],
        [x1, -2500],
        [x1, 2500],
        [x0, 2500],
        [x0, -2500],
      ] as Array<[number, number]>;
      water.push({
        type: 'Feature',
        properties: { kind: 'water', class: 'river' },
        geometry: { type: 'Polygon', coordinates: [ring.map((p) => toLonLat(c, p))] },
      });
    }
  }
  const fc = <G extends LineString | Point | Polygon>(features: Feature<G>[]) => ({
    type: 'FeatureCollection' as const,
    features,
  });
  return { roads: fc(roads), places: fc(places), pois: fc(pois), water: fc(water) };
}

// prettier-ignore
const STREET_WORDS = ['Main', 'High', 'Elm', 'Maple', 'Oak', 'Pine', 'Cedar', 'Chestnut', 'Walnut',
  'Pleasant', 'Park', 'Church', 'School', 'Mill', 'Union', 'Water', 'Bridge', 'Spring', 'Summer',
  'Winter', 'Prospect', 'Central', 'Franklin', 'Washington', 'Lincoln', 'Federal', 'State',
  'Liberty', 'Chapel', 'Highland', 'Silver', 'Forest', 'Lake', 'River', 'Hill', 'Meadow'];
const STREET_TYPES = ['Street', 'Avenue', 'Road', 'Lane', 'Drive', 'Court', 'Place', 'Terrace'];

/**
 * A larger synthetic street network for benchmarks: `perTown` streets in a grid around each of
 * the 101 town centres, each street cut into `piecesPerStreet` segments as tiles cut them.
 */
export function syntheticStreetNetwork(
  perTown: number,
  piecesPerStreet: number,
): Array<{ name: string; town: string; line: Array<[number, number]> }> {
  const out: Array<{ name: string; town: string; line: Array<[number, number]> }> = [];
  for (const town of TOWNS) {
    for (let i = 0; i < perTown; i++) {
      const word = STREET_WORDS[i % STREET_WORDS.length]!;
      const type = STREET_TYPES[Math.floor(i / STREET_WORDS.length) % STREET_TYPES.length]!;
      const offset = (i - perTown / 2) * 120;
      const vertical = i % 2 === 0;
      const length = 2400;
      for (let p = 0; p < piecesPerStreet; p++) {
        const a = -length / 2 + (p * length) / piecesPerStreet;
        const b = -length / 2 + ((p + 1) * length) / piecesPerStreet;
        const path: Array<[number, number]> = vertical
          ? [
              [offset, a],
              [offset + 5, (a + b) / 2],
              [offset, b],
            ]
          : [
              [a, offset],
              [(a + b) / 2, offset + 5],
              [b, offset],
            ];
        out.push({
          name: `${word} ${type}`,
          town: town.name,
          line: path.map((q) => toLonLat(town, q)),
        });
      }
    }
  }
  return out;
}
