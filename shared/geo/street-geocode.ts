/**
 * Placing a typed street on the street index: "Main St" (in a town: the point of Main St nearest
 * the town centre, or the village point when a village was named), "Main & Dwight" (where they
 * cross) and "High St near the library" (the point of High St nearest that landmark). Pure: the
 * index is reached only through the StreetLookup passed in.
 */
import type { LatLon } from './distance';
import { foldTokens } from './normalize';
import { TOWNS } from './places';
import { crossingPoint, nearestPointOnLine, type PointOnLine } from './polyline';
import type { Landmark, StreetLookup, StreetSegment } from './street-lookup';
import { streetName, streetQueryParts } from './street-name';

export interface StreetMatch {
  kind: 'street' | 'intersection';
  /** The indexed name(s): "Main St", or "Main St & Dwight St". */
  name: string;
  town: string;
  lat: number;
  lon: number;
  /** Metres from the point placed to what it was placed by (the town centre, village or landmark). */
  offsetM: number;
  /** The landmark the point was placed by, when the query said "near …" and one was found. */
  landmark: string | null;
}

/** Where the street should be looked for: one town (with a reference point) or anywhere. */
export interface StreetScope {
  town: string;
  ref: LatLon;
  /**
   * Farther than this from `ref`, a match is taken for another street of the same name
   * elsewhere in the town (a village's "Main St" is not the town centre's).
   */
  maxOffsetM?: number;
}

/** A landmark farther than this from the street is not what "near" meant. */
const LANDMARK_REACH_M = 400;
const LANDMARK_NOISE = new Set(['the', 'a', 'an', 'el', 'la', 'los', 'las']);
const townCentre = new Map(TOWNS.map((t) => [t.name, { lat: t.lat, lon: t.lon }]));

function groupByTown(segments: readonly StreetSegment[]): Map<string, StreetSegment[]> {
  const out = new Map<string, StreetSegment[]>();
  for (const s of segments) {
    const list = out.get(s.town) ?? [];
    list.push(s);
    out.set(s.town, list);
  }
  return out;
}

function nearestOn(segments: readonly StreetSegment[], ref: LatLon) {
  let best: { point: PointOnLine; segment: StreetSegment } | null = null;
  for (const segment of segments) {
    const point = nearestPointOnLine(segment.line, ref);
    if (point && (!best || point.distanceM < best.point.distanceM)) best = { point, segment };
  }
  return best;
}

function nearestCrossing(a: readonly StreetSegment[], b: readonly StreetSegment[], ref: LatLon) {
  let best: { point: PointOnLine; a: StreetSegment; b: StreetSegment; refM: number } | null = null;
  for (const sa of a) {
    for (const sb of b) {
      if (sa.name === sb.name) continue;
      const point = crossingPoint(sa.line, sb.line);
      if (!point) continue;
      const refM = nearestPointOnLine([[point.lon, point.lat]], ref)?.distanceM ?? Infinity;
      if (!best || refM < best.refM) best = { point, a: sa, b: sb, refM };
    }
  }
  return best;
}

/** The landmark nearest to the street among those matching the words, in one town. */
function landmarkBy(
  lookup: StreetLookup,
  words: readonly string[],
  town: string,
  segments: readonly StreetSegment[],
): { landmark: Landmark; offsetM: number; at: PointOnLine } | null {
  let best: { landmark: Landmark; offsetM: number; at: PointOnLine } | null = null;
  for (const landmark of lookup.landmarks(words, town)) {
    const hit = nearestOn(segments, landmark);
    if (
      hit &&
      hit.point.distanceM <= LANDMARK_REACH_M &&
      (!best || hit.point.distanceM < best.offsetM)
    )
      best = { landmark, offsetM: hit.point.distanceM, at: hit.point };
  }
  return best;
}

/**
 * Matches best first: with a landmark before without, then the smallest offset. [] when the
 * head names no indexed street.
 */
export function locateStreet(
  head: string,
  lookup: StreetLookup,
  scope: StreetScope | null,
): StreetMatch[] {
  const parts = streetQueryParts(head);
  const names = parts.streets.map(streetName).filter((n) => n !== null);
  if (names.length === 0 || names.length !== parts.streets.length) return [];
  const town = scope?.town ?? null;
  const refOf = (t: string) => scope?.ref ?? townCentre.get(t);
  const out: StreetMatch[] = [];

  if (names.length === 2) {
    const a = groupByTown(lookup.segments(names[0]!, town));
    const b = groupByTown(lookup.segments(names[1]!, town));
    for (const [t, segsA] of a) {
      const segsB = b.get(t);
      const ref = refOf(t);
      if (!segsB || !ref) continue;
      const hit = nearestCrossing(segsA, segsB, ref);
      if (!hit) continue;
      out.push({
        kind: 'intersection',
        name: `${hit.a.name} & ${hit.b.name}`,
        town: t,
        lat: hit.point.lat,
        lon: hit.point.lon,
        offsetM: hit.refM,
        landmark: null,
      });
    }
  } else {
    const words = parts.near ? foldTokens(parts.near).filter((w) => !LANDMARK_NOISE.has(w)) : [];
    for (const [t, segments] of groupByTown(lookup.segments(names[0]!, town))) {
      const byLandmark = words.length ? landmarkBy(lookup, words, t, segments) : null;
      const ref = refOf(t);
      const hit = ref ? nearestOn(segments, ref) : null;
      const point = byLandmark?.at ?? hit?.point;
      const segment = hit?.segment ?? segments[0];
      if (!point || !segment) continue;
      out.push({
        kind: 'street',
        name: segment.name,
        town: t,
        lat: point.lat,
        lon: point.lon,
        offsetM: byLandmark?.offsetM ?? point.distanceM,
        landmark: byLandmark?.landmark.name ?? null,
      });
    }
  }
  const max = scope?.maxOffsetM ?? Infinity;
  return out
    .filter((m) => m.offsetM <= max)
    .sort(
      (x, y) => Number(y.landmark !== null) - Number(x.landmark !== null) || x.offsetM - y.offsetM,
    );
}
