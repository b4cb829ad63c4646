/**
 * Offline geocoder over the committed Western Mass gazetteer. Pure (no Node built-ins, no
 * electron): the renderer's search box, the backend and the CLI all call the same code.
 *
 * Ranking tiers, highest first (tier gaps exceed any tie-break bonus, so a better kind of match
 * always wins): exact name > name prefix > prefix of a later word > typo of the whole name >
 * typo of a prefix. Within a tier: towns before neighborhoods before villages before ZIPs, then
 * larger population.
 *
 * Honest precision: an address is street-precise only when a street index (passed in by the
 * caller: the backend's map-pack index) places it on that street; otherwise the candidate is
 * the town or village point, precision 'town'/'village', with the street text kept.
 */
import { editDistance } from './edit-distance';
import { parseLatLon } from './latlon';
import { nearestTown } from './nearest-town';
import { foldTokens, nameKey, queryKeys, stripState } from './normalize';
import { outsidePlaceNamed, type OutsidePlace } from './outside';
import { PLACES, TOWNS, type Place, type PlaceKind } from './places';
import { countyAt } from './region';
import { looksLikeStreetText, qualifiedSplits, streetSplits } from './street';
import { locateStreet, type StreetMatch } from './street-geocode';
import type { StreetLookup } from './street-lookup';
import { streetQueryParts } from './street-name';

export type Precision = 'exact' | 'intersection' | 'street' | 'village' | 'town' | 'zip';
export type { PlaceKind, Place } from './places';
export type { OutsidePlace } from './outside';
export type { StreetLookup, StreetSegment, Landmark } from './street-lookup';
export { parseLatLon } from './latlon';
export { nearestTown } from './nearest-town';
export { haversineKm } from './distance';
export { isInWesternMass, countyAt, WESTERN_MASS_BOUNDS, WESTERN_MASS_CENTER } from './region';

export interface GeocodeCandidate {
  name: string;
  kind: PlaceKind | 'coordinates' | 'street' | 'intersection';
  lat: number;
  lon: number;
  precision: Precision;
  /** Municipality (for a ZIP: its postal place name; for coordinates: the nearest town). */
  town: string | null;
  /** County name without "County"; '' for coordinates outside the four counties. */
  county: string;
  /** The street part exactly as typed, when the query was an address. */
  streetText: string | null;
  score: number;
  label: string;
}

export interface GeocodeOptions {
  /** A street index; without one no address is street-precise. */
  streets?: StreetLookup;
}

/** How far from a village or neighborhood point its streets are looked for. */
const VILLAGE_REACH_M = 1000;

/** What a street match adds over its town: found on the street beats the town point. */
const STREET_BONUS = { street: 100, intersection: 120 } as const;

const TIER = {
  exact: 1000,
  prefix: 800,
  wordPrefix: 600,
  fuzzy: 450,
  fuzzyPrefix: 300,
} as const;
const KIND_BONUS: Record<PlaceKind, number> = { town: 30, neighborhood: 20, village: 15, zip: 0 };

interface Entry {
  place: Place;
  key: string; // folded name, "the" dropped
  compact: string; // key without spaces: "turnersfalls"
  wordStarts: number[]; // offsets in key where a later word begins
  bonus: number;
}

let index: { entries: Entry[]; townsByKey: Map<string, Place> } | null = null;

/** Built on first use and kept for the life of the module; the gazetteer is immutable. */
function getIndex(): { entries: Entry[]; townsByKey: Map<string, Place> } {
  if (index) return index;
  const entries = PLACES.map((place): Entry => {
    const key = nameKey(place.name);
    const wordStarts: number[] = [];
    for (let i = key.indexOf(' '); i >= 0; i = key.indexOf(' ', i + 1)) wordStarts.push(i + 1);
    const popBonus = place.population ? Math.log10(place.population) * 8 : 0;
    return {
      place,
      key,
      compact: key.replace(/ /g, ''),
      wordStarts,
      bonus: KIND_BONUS[place.kind] + popBonus,
    };
  });
  const townsByKey = new Map(
    entries.filter((e) => e.place.kind === 'town').map((e) => [e.key, e.place]),
  );
  index = { entries, townsByKey };
  return index;
}

function matchScore(e: Entry, key: string, strict: boolean): number {
  const compact = key.replace(/ /g, '');
  if (e.key === key || e.compact === compact) return TIER.exact;
  if (strict) return 0;
  const coverage = (50 * key.length) / Math.max(e.key.length, 1);
  if (e.key.startsWith(key) || e.compact.startsWith(compact)) return TIER.prefix + coverage;
  if (e.wordStarts.some((i) => e.key.startsWith(key, i))) return TIER.wordPrefix + coverage;
  // Typos only for names long enough that one wrong letter is still distinctive, never digits.
  if (compact.length < 5 || /\d/.test(compact)) return 0;
  const max = compact.length >= 8 ? 2 : 1;
  const d = editDistance(compact, e.compact, max);
  if (d <= max) return TIER.fuzzy - 100 * d;
  if (e.compact.length > compact.length) {
    const dp = editDistance(compact, e.compact.slice(0, compact.length), max);
    if (dp <= max) return TIER.fuzzyPrefix - 100 * dp;
  }
  return 0;
}

interface Hit {
  place: Place;
  score: number;
}

/** Score every place against the query text; returns hits sorted best first. */
function matchPlaces(text: string, strict = false): Hit[] {
  const keys = queryKeys(stripState(foldTokens(text)));
  if (keys.length === 0) return [];
  const hits: Hit[] = [];
  for (const e of getIndex().entries) {
    let best = 0;
    for (const key of keys) best = Math.max(best, matchScore(e, key, strict));
    if (best > 0) hits.push({ place: e.place, score: Math.round((best + e.bonus) * 100) / 100 });
  }
  hits.sort((a, b) => b.score - a.score || a.place.name.localeCompare(b.place.name));
  // Once a name matches exactly, typo guesses are noise ("Northampton" need not offer Southampton).
  const exact = (hits[0]?.score ?? 0) >= TIER.exact;
  return exact ? hits.filter((h) => h.score >= TIER.prefix) : hits;
}

function precisionOf(kind: PlaceKind): Precision {
  return kind === 'town' ? 'town' : kind === 'zip' ? 'zip' : 'village';
}

function placeLabel(p: Place): string {
  switch (p.kind) {
    case 'town':
      return `${p.name} (${p.county} County)`;
    case 'village':
      return `${p.name} (village, ${p.town ?? p.county})`;
    case 'neighborhood':
      return `${p.name} (neighborhood, ${p.town ?? p.county})`;
    case 'zip':
      return `${p.name} (ZIP, ${p.town ?? p.county})`;
  }
}

function whereOf(p: Place): string {
  return p.kind === 'town' ? p.name : `${p.name} (${p.town ?? p.county})`;
}

/** A place, or an address not located on its street: the place's point, with the street kept. */
function toCandidate(hit: Hit, streetText: string | null = null): GeocodeCandidate {
  const p = hit.place;
  const where = whereOf(p);
  return {
    name: p.name,
    kind: p.kind,
    lat: p.lat,
    lon: p.lon,
    precision: precisionOf(p.kind),
    town: p.kind === 'town' ? p.name : (p.town ?? null),
    county: p.county,
    streetText,
    score: hit.score,
    label: streetText ? `${streetText}, ${where}` : placeLabel(p),
  };
}

const countyOfTown = new Map(TOWNS.map((t) => [t.name, t.county]));

function streetCandidate(
  m: StreetMatch,
  streetText: string,
  score: number,
  where: string = m.town,
): GeocodeCandidate {
  return {
    name: m.name,
    kind: m.kind,
    lat: m.lat,
    lon: m.lon,
    precision: m.kind,
    town: m.town,
    county: countyOfTown.get(m.town) ?? '',
    streetText,
    score: Math.round(score * 100) / 100,
    label: m.landmark ? `${m.name}, ${where} (near ${m.landmark})` : `${streetText}, ${where}`,
  };
}

/** An address in a matched place: on its street when the index has it, and the place point. */
function addressCandidates(
  hit: Hit,
  streetText: string,
  streets: StreetLookup | undefined,
): GeocodeCandidate[] {
  const p = hit.place;
  const town = p.kind === 'town' ? p.name : p.town;
  const fallback = toCandidate(hit, streetText);
  if (!streets || !town) return [fallback];
  const scope = { town, ref: p, maxOffsetM: p.kind === 'town' ? undefined : VILLAGE_REACH_M };
  const [best] = locateStreet(streetText, streets, scope);
  if (!best) return [fallback];
  return [
    streetCandidate(best, streetText, hit.score + STREET_BONUS[best.kind], whereOf(p)),
    fallback,
  ];
}

/** "High St near the library", "Main & Dwight": a street without a town, in every town. */
function streetsAnywhere(text: string, streets: StreetLookup, limit: number): GeocodeCandidate[] {
  const parts = streetQueryParts(text);
  if (parts.near === null && !looksLikeStreetText(text)) return [];
  return locateStreet(text, streets, null)
    .slice(0, limit)
    .map((m, i) => streetCandidate(m, text, TIER.exact + (m.landmark ? 60 : 20) - i));
}

function coordinateCandidate(lat: number, lon: number): GeocodeCandidate {
  const county = countyAt(lat, lon);
  const town = county ? nearestTown(lat, lon) : null;
  const at = `${lat.toFixed(5)}, ${lon.toFixed(5)}`;
  return {
    name: at,
    kind: 'coordinates',
    lat,
    lon,
    precision: 'exact',
    town: town ? town.name : null,
    county: county ?? '',
    streetText: null,
    score: TIER.exact,
    label: town ? `${at} (near ${town.name})` : `${at} (outside Western Mass)`,
  };
}

/** "Forest Park Springfield", "Florence, Northampton": head matched, restricted to that town. */
function qualifiedMatch(query: string): Hit[] {
  const { townsByKey } = getIndex();
  for (const { head, tail } of qualifiedSplits(query)) {
    const tailKeys = queryKeys(stripState(foldTokens(tail)));
    const town = tailKeys.map((k) => townsByKey.get(k)).find(Boolean);
    if (!town) continue;
    const hits = matchPlaces(head).filter(
      (h) => h.place.name === town.name || h.place.town === town.name,
    );
    if (hits.length) return hits;
  }
  return [];
}

function dedupe(cands: GeocodeCandidate[]): GeocodeCandidate[] {
  const seen = new Set<string>();
  return cands.filter((c) => {
    const id = `${c.kind}|${c.name}|${c.precision}|${c.town}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Ranked candidates for free text typed or pasted by a dispatcher. Never throws; returns []
 * for empty or unmatched text. Coordinates outside the region are still returned (labelled) so
 * the dispatcher sees why the pin lands elsewhere.
 */
export function geocode(
  query: string,
  limit = 8,
  options: GeocodeOptions = {},
): GeocodeCandidate[] {
  const text = query.trim();
  if (!text || limit <= 0) return [];

  const ll = parseLatLon(text);
  if (ll) return [coordinateCandidate(ll.lat, ll.lon)];

  const plain = matchPlaces(text);
  const top = plain[0];
  const out: GeocodeCandidate[] = [];

  // A trailing ZIP ("Northampton MA 01060") is a second, independent clue.
  const tokens = foldTokens(text);
  const zipTokens = tokens.filter((t) => /^\d{5}$/.test(t));
  if (zipTokens.length && tokens.length > zipTokens.length) {
    const rest = text.replace(/\b\d{5}\b/g, ' ');
    out.push(
      ...matchPlaces(rest)
        .slice(0, limit)
        .map((h) => toCandidate(h)),
    );
    for (const z of zipTokens) out.push(...matchPlaces(z, true).map((h) => toCandidate(h)));
  }

  if (!top || top.score < TIER.exact) {
    for (const split of streetSplits(text)) {
      let hits = matchPlaces(split.placeText, split.strict).filter((h) => h.place.kind !== 'zip');
      // An address names one place: with an exact match, prefix look-alikes are not alternatives.
      if ((hits[0]?.score ?? 0) >= TIER.exact) hits = hits.filter((h) => h.score >= TIER.exact);
      if (hits.length) {
        for (const h of hits.slice(0, limit))
          out.push(...addressCandidates(h, split.streetText, options.streets));
        break;
      }
    }
  }
  if (options.streets && !out.some((c) => c.streetText)) {
    out.push(...streetsAnywhere(text, options.streets, limit));
  }
  if (out.length === 0 && plain.length === 0) {
    out.push(...qualifiedMatch(text).map((h) => toCandidate(h)));
  }
  out.push(...plain.map((h) => toCandidate(h)));
  return dedupe(out.sort((a, b) => b.score - a.score)).slice(0, limit);
}

/**
 * The place outside the four counties that the text names ("Boston", "12 Main St, Hartford"),
 * when no place inside has that exact name; null otherwise. The search box says so above the
 * local matches, which geocode() still returns.
 */
export function outsideRegion(query: string): OutsidePlace | null {
  const text = query.trim();
  if (!text || parseLatLon(text)) return null;
  for (const t of [text, ...streetSplits(text).map((s) => s.placeText)]) {
    const outside = outsidePlaceNamed(t);
    if (outside && matchPlaces(t, true).length === 0) return outside;
  }
  return null;
}
