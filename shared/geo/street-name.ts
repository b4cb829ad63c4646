/**
 * What "the same street name" means, for the street index and for queries alike: "Main Street",
 * "MAIN ST." and "main st" share one key; "Dwight" (no type word, as in "Main & Dwight") matches
 * by its base. Pure.
 */
import { foldTokens } from './normalize';

/** Street type words folded to one canonical spelling each. */
// prettier-ignore
const STREET_TYPES: Readonly<Record<string, string>> = {
  st: 'st', street: 'st', str: 'st',
  ave: 'ave', av: 'ave', avenue: 'ave',
  rd: 'rd', road: 'rd',
  dr: 'dr', drive: 'dr',
  ln: 'ln', lane: 'ln',
  blvd: 'blvd', boulevard: 'blvd',
  way: 'way',
  ct: 'ct', court: 'ct',
  pl: 'pl', place: 'pl',
  ter: 'ter', terr: 'ter', terrace: 'ter',
  hwy: 'hwy', highway: 'hwy',
  pkwy: 'pkwy', parkway: 'pkwy',
  cir: 'cir', circle: 'cir',
  sq: 'sq', square: 'sq',
  row: 'row',
  tpke: 'tpke', turnpike: 'tpke', pike: 'tpke',
  trl: 'trl', trail: 'trl',
  aly: 'aly', alley: 'aly',
  ext: 'ext', extension: 'ext',
};

// prettier-ignore
const DIRECTIONS: Readonly<Record<string, string>> = {
  n: 'north', no: 'north', north: 'north', s: 'south', so: 'south', south: 'south',
  e: 'east', east: 'east', w: 'west', west: 'west', mt: 'mount', mount: 'mount',
};

export interface StreetName {
  /** Folded, canonical: "main st". */
  key: string;
  /** The key without its trailing type word: "main". Equal to `key` when there is none. */
  base: string;
  /** Whether the text named a type word; without one, any street of that base matches. */
  typed: boolean;
}

/** The key of a street name; null when nothing but a house number or punctuation is left. */
export function streetName(text: string): StreetName | null {
  const tokens = foldTokens(text).map((t) => STREET_TYPES[t] ?? DIRECTIONS[t] ?? t);
  if (tokens.length === 0) return null;
  const last = tokens[tokens.length - 1] ?? '';
  const typed = tokens.length > 1 && Object.values(STREET_TYPES).includes(last);
  const key = tokens.join(' ');
  const base = typed ? tokens.slice(0, -1).join(' ') : key;
  return { key, base, typed };
}

/** Units and house numbers that say where on the street, never which street. */
const UNIT = /^(apt|apartment|unit|ste|suite|fl|floor|rm|room|#)$/;

/**
 * The street named in an address head: "12 Main St" -> "Main St", "Apt 2, 12-14 Main St" ->
 * "Main St", "Main St #3" -> "Main St". Returns the text as typed minus numbers and units.
 */
export function streetOfAddress(head: string): string {
  const parts = head
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const named = parts.filter((p) => /[a-z]{2,}/i.test(p) && !UNIT.test(foldTokens(p)[0] ?? ''));
  const part = named[named.length - 1] ?? parts[parts.length - 1] ?? '';
  const words = part.split(/\s+/).filter(Boolean);
  while (words.length > 1 && /^\d+[a-z]?(-\d+[a-z]?)?$/i.test(words[0] ?? '')) words.shift();
  // "Main St #3", "Main St Apt 2": drop the unit and what follows it.
  const unitAt = words.findIndex(
    (w, i) => i > 0 && (w.startsWith('#') || UNIT.test(w.toLowerCase())),
  );
  return (unitAt > 0 ? words.slice(0, unitAt) : words).join(' ');
}

export interface StreetQueryParts {
  /** One street, or two for an intersection ("Main & Dwight", "Main St and Dwight St"). */
  streets: string[];
  /** "High St near the library": the landmark text after "near". */
  near: string | null;
}

const INTERSECTION = /\s*(?:&|\/|@|\bat\b|\band\b|\by\b|\bcorner of\b)\s*/i;

/** Splits a street head into the street(s) and an optional landmark. */
export function streetQueryParts(head: string): StreetQueryParts {
  const nearMatch = /\s+(?:near|by|next to|cerca de)\s+/i.exec(head);
  const streetPart = nearMatch ? head.slice(0, nearMatch.index) : head;
  const near = nearMatch ? head.slice(nearMatch.index + nearMatch[0].length).trim() || null : null;
  const cleaned = streetPart.replace(/^\s*(?:corner of|esquina de)\s+/i, '');
  const streets = cleaned
    .split(INTERSECTION)
    .map((s) => streetOfAddress(s.trim()))
    .filter((s) => s.length > 0);
  return { streets: streets.slice(0, 2), near };
}
