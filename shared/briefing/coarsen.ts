/**
 * Where the briefing sends people, without printing where the family lives. Coarsening keeps the
 * street (a block, never a house number) and the nearest village or town, and snaps the map
 * point to a ~500 m grid, so the page never carries the exact point.
 */
import { haversineKm } from '../geo/distance';
import { PLACES, TOWNS, type Place } from '../geo/places';
import { isStreetPrecise, type LocationPrecision } from '../domain/vocabulary';

export interface MeetingPoint {
  /** The main line: the chosen meeting place, the block, or the town. */
  label: string;
  /** A second line (the town or village around the block), if any. */
  near: string | null;
  /** Where the map marks the meeting area (snapped when coarsened). */
  point: { lat: number; lon: number };
  /** Radius of the area drawn on the map; 0 for an exact point. */
  radiusMeters: number;
  coarsened: boolean;
  /** Only a town or area is known: the team needs a meeting place from the dispatcher. */
  approximate: boolean;
}

/** Grid steps in degrees: about 550 m north-south and 410 m east-west at 42° N. */
const GRID_LAT = 0.005;
const GRID_LON = 0.005;
const COARSE_RADIUS_M = 450;

const snap = (value: number, step: number) =>
  Math.round(Math.round(value / step) * step * 1e4) / 1e4;

/** "12 Main St Apt 3" -> "Main St"; "Avenue A" stays. */
export function blockOf(street: string): string {
  return street
    .replace(/\b(apt|apartment|unit|suite|ste|fl|floor)\.?\s*[\w-]+/gi, '')
    .replace(/#\s*[\w-]+/g, '')
    .replace(/(^|[\s,])\d+[a-z]?(-\d+)?(?=\s)/gi, '$1')
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s,]+|[\s,]+$/g, '')
    .trim();
}

/** The nearest village or neighborhood within 2.5 km, else the nearest town. */
export function nearestNamedPlace(lat: number, lon: number): Place | null {
  let best: Place | null = null;
  let bestKm = Infinity;
  for (const place of PLACES) {
    if (place.kind !== 'village' && place.kind !== 'neighborhood') continue;
    const d = haversineKm({ lat, lon }, place);
    if (d < bestKm) {
      best = place;
      bestKm = d;
    }
  }
  if (best && bestKm <= 2.5) return best;
  let town: Place | null = null;
  bestKm = Infinity;
  for (const place of TOWNS) {
    const d = haversineKm({ lat, lon }, place);
    if (d < bestKm) {
      town = place;
      bestKm = d;
    }
  }
  return town;
}

export function coarsenMeetingPoint(
  location: {
    text: string;
    streetText: string | null;
    lat: number;
    lon: number;
    precision: LocationPrecision;
    town: string | null;
  },
  options: { coarsen: boolean; meetingPlace: string | null },
): MeetingPoint {
  const place = nearestNamedPlace(location.lat, location.lon);
  const town = location.town ?? place?.town ?? place?.name ?? null;
  const area =
    place && place.kind !== 'town' && place.name !== town
      ? `${place.name}, ${town ?? place.town ?? ''}`.replace(/, $/, '')
      : town;
  const streetLevel = isStreetPrecise(location.precision);
  const street = location.streetText?.trim() || null;
  const chosen = options.meetingPlace?.trim() || null;
  const approximate = !streetLevel || !street;

  if (!options.coarsen) {
    const label = chosen ?? (street ? street : location.text);
    const near = chosen
      ? (street ?? location.text)
      : location.text !== label
        ? location.text
        : area;
    return {
      label,
      near: near && near !== label ? near : null,
      point: { lat: location.lat, lon: location.lon },
      radiusMeters: streetLevel ? 0 : 1500,
      coarsened: false,
      approximate,
    };
  }
  const block = street && streetLevel ? blockOf(street) : null;
  const label = chosen ?? (block || area || location.text);
  const nearText = chosen ? (block ? `${block}, ${area ?? ''}` : area) : block ? area : null;
  return {
    label,
    near: nearText ? nearText.replace(/, $/, '') : null,
    point: { lat: snap(location.lat, GRID_LAT), lon: snap(location.lon, GRID_LON) },
    radiusMeters: streetLevel ? COARSE_RADIUS_M : 1500,
    coarsened: true,
    approximate,
  };
}
