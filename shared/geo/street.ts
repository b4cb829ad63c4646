/**
 * Splitting "12 Main St, Holyoke" or "45 Pleasant St Northampton" into the street part (kept
 * exactly as typed, for the dispatcher and the briefing) and the place part (geocoded). Placing
 * the street itself needs a street index (street-geocode.ts); without one the address stays at
 * the place's point.
 */
import { foldText, isStateWord } from './normalize';

/** Folded words that mark the end of a street name. Excludes words that appear in place names
 * of the gazetteer (park, point, heights, falls, hills, river). */
// prettier-ignore
const STREET_SUFFIXES = new Set([
  'st', 'street', 'ave', 'av', 'avenue', 'rd', 'road', 'dr', 'drive', 'ln', 'lane', 'blvd',
  'boulevard', 'way', 'ct', 'court', 'pl', 'place', 'ter', 'terr', 'terrace', 'hwy', 'highway',
  'pkwy', 'parkway', 'cir', 'circle', 'sq', 'square', 'ext', 'row', 'tpke', 'turnpike', 'pike',
  'trl', 'trail', 'aly', 'alley', 'rte', 'route', 'rt',
]);

export interface StreetSplit {
  streetText: string;
  placeText: string;
  /** The place part must match a gazetteer name exactly (no prefix or typo matching). */
  strict: boolean;
}

interface Word {
  folded: string;
  start: number;
  end: number;
}

function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/[^\s,;]+/g)) {
    const folded = foldText(m[0]);
    if (folded) out.push({ folded, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const isZip = (w: string) => /^\d{5}$/.test(w);
const isTail = (w: string) => isStateWord(w) || isZip(w);

function looksLikeStreet(folded: readonly string[]): boolean {
  return folded.some((w) => /\d/.test(w) || STREET_SUFFIXES.has(w));
}

/** "Main & Dwight", "Main St and Dwight St": two streets named as a corner. */
const CORNER = /&|\/|\band\b|\bcorner of\b/i;

/** Whether typed text names a street (a number, a street type word, or a corner). */
export function looksLikeStreetText(text: string): boolean {
  return CORNER.test(text) || looksLikeStreet(foldText(text).split(' '));
}

/** Comma-separated segments without trailing state/ZIP segments ("..., Holyoke, MA 01040"). */
function commaSegments(text: string): string[] {
  const segments = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  while (
    segments.length > 1 &&
    foldText(segments[segments.length - 1] ?? '')
      .split(' ')
      .every(isTail)
  ) {
    segments.pop();
  }
  return segments;
}

/**
 * Candidate splits, most specific first. Callers try them in order and keep the first that
 * geocodes. Returns [] when the text does not look like it contains a street.
 */
export function streetSplits(text: string): StreetSplit[] {
  const comma = text.indexOf(',');
  if (comma >= 0) {
    // "12 Main St, Apt 2, Holyoke, MA 01040": the last segment that is not state/ZIP is the place.
    const segments = commaSegments(text);
    if (segments.length < 2) return [];
    const head = segments.slice(0, -1).join(', ');
    if (!looksLikeStreetText(head)) return [];
    return [{ streetText: head, placeText: segments[segments.length - 1] ?? '', strict: false }];
  }

  const ws = words(text);
  while (ws.length > 1 && isTail(ws[ws.length - 1]?.folded ?? '')) ws.pop();
  const splits: StreetSplit[] = [];
  const streetOf = (i: number) => text.slice(ws[0]?.start ?? 0, ws[i]?.end ?? 0).trim();
  const placeOf = (i: number) => text.slice(ws[i + 1]?.start ?? 0, ws[ws.length - 1]?.end ?? 0);
  // Exact place names after a street-looking head, longest place first ("Main St South Hadley"
  // must find South Hadley before Hadley).
  for (let i = 0; i < ws.length - 1; i++) {
    if (!looksLikeStreet(ws.slice(0, i + 1).map((w) => w.folded))) continue;
    splits.push({ streetText: streetOf(i), placeText: placeOf(i), strict: true });
  }
  // Then, while typing, whatever follows the last street suffix ("12 Main St Holy").
  let last = -1;
  ws.forEach((w, i) => {
    if (STREET_SUFFIXES.has(w.folded) && i > 0 && i < ws.length - 1) last = i;
  });
  if (last > 0)
    splits.push({ streetText: streetOf(last), placeText: placeOf(last), strict: false });
  return splits;
}

/**
 * "Forest Park Springfield", "Florence, Northampton": a place qualified by its town. Returns
 * the splits whose tail could be the town, longest head first.
 */
export function qualifiedSplits(text: string): Array<{ head: string; tail: string }> {
  const comma = text.indexOf(',');
  if (comma >= 0) {
    const segments = commaSegments(text);
    const [head, tail] = [segments[0], segments[segments.length - 1]];
    return segments.length >= 2 && head && tail ? [{ head, tail }] : [];
  }
  const ws = words(text);
  while (ws.length > 1 && isTail(ws[ws.length - 1]?.folded ?? '')) ws.pop();
  const out: Array<{ head: string; tail: string }> = [];
  for (let i = 0; i < ws.length - 1; i++) {
    out.push({
      head: text.slice(ws[0]?.start ?? 0, ws[i]?.end ?? 0),
      tail: text.slice(ws[i + 1]?.start ?? 0, ws[ws.length - 1]?.end ?? 0),
    });
  }
  return out.reverse();
}
