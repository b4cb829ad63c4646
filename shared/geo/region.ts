/**
 * The service area: Berkshire, Franklin, Hampden and Hampshire counties.
 *
 * Outlines come from the Census 1:10,000,000 county file (simplified), so answers within
 * roughly 1 km of a county line can be wrong; use this to flag "outside our area", not to
 * adjudicate boundaries.
 */
import countiesJson from './data/western-mass-counties.json';

type Ring = ReadonlyArray<readonly number[]>; // [lon, lat] pairs, GeoJSON order
type PolygonRings = readonly Ring[]; // first ring is the outer boundary, the rest are holes

interface CountyFeature {
  properties: { fips: string; name: string };
  geometry:
    | { type: 'Polygon'; coordinates: PolygonRings }
    | { type: 'MultiPolygon'; coordinates: readonly PolygonRings[] };
}

interface CountyCollection {
  bbox: readonly [number, number, number, number]; // [west, south, east, north]
  features: readonly CountyFeature[];
}

const counties = countiesJson as unknown as CountyCollection;

/** Pioneer Valley, between Northampton and Holyoke: a sensible default map center. */
export const WESTERN_MASS_CENTER: { lat: number; lon: number } = { lat: 42.25, lon: -72.62 };

/** [[south, west], [north, east]] (Leaflet LatLngBounds order), from the county outlines. */
export const WESTERN_MASS_BOUNDS: [[number, number], [number, number]] = [
  [counties.bbox[1], counties.bbox[0]],
  [counties.bbox[3], counties.bbox[2]],
];

/** Even-odd ray casting; a point exactly on an edge may land on either side. */
function inRing(ring: Ring, lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]?.[0] ?? 0;
    const yi = ring[i]?.[1] ?? 0;
    const xj = ring[j]?.[0] ?? 0;
    const yj = ring[j]?.[1] ?? 0;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

function inPolygon(rings: PolygonRings, lon: number, lat: number): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !inRing(outer, lon, lat)) return false;
  return !holes.some((hole) => inRing(hole, lon, lat));
}

function inFeature(f: CountyFeature, lon: number, lat: number): boolean {
  const g = f.geometry;
  if (g.type === 'Polygon') return inPolygon(g.coordinates, lon, lat);
  return g.coordinates.some((poly) => inPolygon(poly, lon, lat));
}

function inBounds(lat: number, lon: number): boolean {
  const [[s, w], [n, e]] = WESTERN_MASS_BOUNDS;
  return lat >= s && lat <= n && lon >= w && lon <= e;
}

/** The county name ("Hampden") containing the point, or null outside the four counties. */
export function countyAt(lat: number, lon: number): string | null {
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || !inBounds(lat, lon)) return null;
  const hit = counties.features.find((f) => inFeature(f, lon, lat));
  return hit ? hit.properties.name : null;
}

export function isInWesternMass(lat: number, lon: number): boolean {
  return countyAt(lat, lon) !== null;
}
