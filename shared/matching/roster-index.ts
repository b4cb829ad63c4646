/**
 * The roster's matching index: an in-memory uniform grid over home points, one grid PER ROLE.
 * Why a grid and not SQLite's R*Tree or a KD-tree:
 * - the question is not "k nearest" but "everyone who could arrive in time": each responder has
 *   their own max travel and speed, so the search radius differs per person. A grid cell keeps
 *   the largest max travel of its members (car and no-car separately), so a whole cell is skipped
 *   when even its most willing member could not arrive in time: a per-cell bound a KD-tree would
 *   need custom augmentation for, and an R*Tree query could not express without a round trip;
 * - the role filter is the most selective one, and a grid per role makes it free;
 * - home points are coarse town/village centres in a 200 x 150 km region: ~5.5 km cells
 *   give ~1,000 cells, cheap to scan linearly (no ring ordering needed);
 * - one person changes in place (`putResponder` / `removeResponder`, by id): their entries leave
 *   their cells and the new ones are inserted at their sorted place, so an edit, an assignment or
 *   a received op costs microseconds instead of a rebuild of the whole roster.
 */
import type { Responder } from '../api/schemas';
import {
  LANGUAGES,
  ROLE_REQUIRED_TRAINING,
  RESPONDER_ROLES,
  type ResponderRole,
  type TrainingKind,
  WEEKDAYS,
} from '../domain/vocabulary';
import { canonicalLanguage } from '../domain/languages';
import { toMinutes } from './local-time';

/** What a candidate shows of a person (a Responder has all of it). */
export type MatchPerson = Pick<
  Responder,
  'id' | 'name' | 'homeTown' | 'homeLat' | 'homeLon' | 'hasCar' | 'onCall'
>;

/** What matching reads of a person: the backend loads only these columns. */
export type MatchProfile = MatchPerson &
  Pick<
    Responder,
    | 'active'
    | 'roles'
    | 'languages'
    | 'trainings'
    | 'availability'
    | 'maxTravelMinutes'
    | 'avoidEnforcementScenes'
  >;

/** The training that shows someone is practised in a role (required or not). */
export const ROLE_TRAINING: Record<ResponderRole, TrainingKind> = {
  verifier: 'verifier',
  legal_observer: 'legal_observer',
  documenter: 'legal_observer',
  rally_responder: 'sanctuary_in_the_streets',
  rally_lead: 'sanctuary_in_the_streets',
  faith_leader: 'de_escalation',
  song_leader: 'de_escalation',
  interpreter: 'interpreter',
  medic: 'first_aid',
  driver: 'know_your_rights',
  family_support: 'know_your_rights',
};

/**
 * Languages are open tags, compared in the hot loop as bits: the picker languages have fixed bits,
 * any other tag gets the next free bit the first time it is seen (31 in all, per process); a tag
 * seen after that is compared by name through the entry's `otherLanguages`.
 */
const LANGUAGE_BIT = new Map<string, number>(LANGUAGES.map((l, i) => [l, 1 << i]));
function languageBit(tag: string): number {
  let bit = LANGUAGE_BIT.get(tag);
  if (bit === undefined) {
    bit = LANGUAGE_BIT.size < 31 ? 1 << LANGUAGE_BIT.size : 0;
    LANGUAGE_BIT.set(tag, bit);
  }
  return bit;
}
export interface LanguageKey {
  tag: string;
  bit: number;
}
export const languageKey = (text: string): LanguageKey => {
  const tag = canonicalLanguage(text);
  return { tag, bit: languageBit(tag) };
};
export const speaksLanguage = (e: Entry, key: LanguageKey): boolean =>
  key.bit !== 0
    ? (e.languageBits & key.bit) !== 0
    : e.otherLanguages !== null && e.otherLanguages.includes(key.tag);
/** "2026-03-15" -> 20260315, so date comparisons are integer comparisons. */
export const dayNumber = (iso: string) =>
  Number(iso.slice(0, 4)) * 10_000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));

/**
 * One responder in one role's grid, pre-digested for the hot loop: plain numbers on one object
 * (bitmasks, YYYYMMDD days, a flat window list) rather than nested arrays and strings, so the
 * scan touches one or two cache lines per person. The role's required and practice trainings
 * are resolved when the entry is made.
 */
export interface Entry {
  r: MatchPerson;
  lat: number;
  lon: number;
  hasCar: boolean;
  onCall: boolean;
  avoidScenes: boolean;
  maxTravelMinutes: number;
  roleCount: number;
  languageBits: number;
  /** Languages without a bit (see languageBit), or null. */
  otherLanguages: string[] | null;
  /** The role's required training: completion day (0 = none) and expiry day. */
  reqDone: number;
  reqExpires: number;
  /** The training that shows practice in the role (see ROLE_TRAINING). */
  practiceDone: number;
  practiceExpires: number;
  /** Availability as flat triples [weekday index (mon = 0), start minute, end minute, ...]. */
  windows: number[];
}

/**
 * People with and without a car apart, each sorted by max travel (most willing first): once a
 * member's max travel cannot cover the distance to the cell, nobody after them can either.
 * maxCarMinutes / maxTransitMinutes are upper bounds: a removal leaves them as they were, which
 * only means the cell is scanned where it could have been skipped.
 */
export interface Cell {
  lat0: number;
  lon0: number;
  car: Entry[];
  transit: Entry[];
  maxCarMinutes: number;
  maxTransitMinutes: number;
}

export interface RoleGrid {
  cells: Cell[];
  cellByKey: Map<number, Cell>;
  active: number;
  inactive: number;
}

/** Where one person sits in the index, so a change by id can take them out again. */
export interface Placement {
  active: boolean;
  roles: ResponderRole[];
  /** Active people: their entry per role, in `roles` order. */
  entries: Entry[];
  /** Active people (with or without roles): who they are and their availability windows. */
  person: MatchPerson | null;
  windows: number[];
}

export interface RosterIndex {
  /** Bumped by every change. */
  version: number;
  /** Everyone indexed, active or not. */
  size: number;
  activeCount: number;
  byRole: Record<ResponderRole, RoleGrid>;
  placed: Map<string, Placement>;
  /** False while a bulk load is adding people unsorted (see sealRosterIndex). */
  sorted: boolean;
}

export const CELL_LAT = 0.05; // ~5.6 km
export const CELL_LON = 0.07; // ~5.7 km at 42.3° N
const NO_EXPIRY = 99_999_999;

export function emptyRosterIndex(version = 0): RosterIndex {
  const byRole = {} as Record<ResponderRole, RoleGrid>;
  for (const role of RESPONDER_ROLES)
    byRole[role] = { cells: [], cellByKey: new Map(), active: 0, inactive: 0 };
  return { version, size: 0, activeCount: 0, byRole, placed: new Map(), sorted: true };
}

/** The whole roster at once (tests, benches): a bulk load, then one sort per cell. */
export function buildRosterIndex(roster: readonly MatchProfile[], version = 0): RosterIndex {
  const index = emptyRosterIndex(version);
  index.sorted = false;
  for (const r of roster) putResponder(index, r);
  sealRosterIndex(index);
  return index;
}

const byReach = (a: Entry, b: Entry) => b.maxTravelMinutes - a.maxTravelMinutes;

/** Ends a bulk load: every cell sorted by reach, and later puts insert in place. */
export function sealRosterIndex(index: RosterIndex): void {
  for (const role of RESPONDER_ROLES) {
    for (const cell of index.byRole[role].cells) {
      cell.car.sort(byReach);
      cell.transit.sort(byReach);
    }
  }
  index.sorted = true;
}

/** Adds a person, or replaces what the index holds for the same id. */
export function putResponder(index: RosterIndex, r: MatchProfile): void {
  if (index.placed.has(r.id)) removeResponder(index, r.id);
  index.version++;
  index.size++;
  const roles = [...new Set(r.roles)].filter((role) => index.byRole[role] !== undefined);
  if (!r.active) {
    for (const role of roles) index.byRole[role].inactive++;
    index.placed.set(r.id, { active: false, roles, entries: [], person: null, windows: [] });
    return;
  }
  index.activeCount++;
  const digest = digestPerson(r);
  const row = Math.floor(r.homeLat / CELL_LAT);
  const col = Math.floor(r.homeLon / CELL_LON);
  const key = row * 100_000 + col;
  const entries: Entry[] = [];
  for (const role of roles) {
    const grid = index.byRole[role];
    grid.active++;
    const entry = entryFor(r, digest, role);
    let cell = grid.cellByKey.get(key);
    if (!cell) {
      cell = {
        lat0: row * CELL_LAT,
        lon0: col * CELL_LON,
        car: [],
        transit: [],
        maxCarMinutes: 0,
        maxTransitMinutes: 0,
      };
      grid.cellByKey.set(key, cell);
      grid.cells.push(cell);
    }
    if (r.hasCar) {
      insertByReach(cell.car, entry, index.sorted);
      cell.maxCarMinutes = Math.max(cell.maxCarMinutes, r.maxTravelMinutes);
    } else {
      insertByReach(cell.transit, entry, index.sorted);
      cell.maxTransitMinutes = Math.max(cell.maxTransitMinutes, r.maxTravelMinutes);
    }
    entries.push(entry);
  }
  index.placed.set(r.id, {
    active: true,
    roles,
    entries,
    person: digest.person,
    windows: digest.windows,
  });
}

/** Takes a person out of the index (nothing happens for an id it does not hold). */
export function removeResponder(index: RosterIndex, id: string): void {
  const placement = index.placed.get(id);
  if (!placement) return;
  index.placed.delete(id);
  index.version++;
  index.size--;
  if (!placement.active) {
    for (const role of placement.roles) index.byRole[role].inactive--;
    return;
  }
  index.activeCount--;
  placement.roles.forEach((role, i) => {
    const grid = index.byRole[role];
    grid.active--;
    const entry = placement.entries[i]!;
    const key = Math.floor(entry.lat / CELL_LAT) * 100_000 + Math.floor(entry.lon / CELL_LON);
    const cell = grid.cellByKey.get(key);
    const list = entry.hasCar ? cell?.car : cell?.transit;
    const at = list ? list.indexOf(entry) : -1;
    if (at >= 0) list!.splice(at, 1);
  });
}

/** Most willing first; among equals, the newcomer goes last (as a stable sort would put it). */
function insertByReach(list: Entry[], entry: Entry, sorted: boolean): void {
  if (!sorted) {
    list.push(entry);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.maxTravelMinutes >= entry.maxTravelMinutes) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, entry);
}

interface PersonDigest {
  person: MatchPerson;
  windows: number[];
  latest: Map<string, { done: number; expires: number }>;
  languageBits: number;
  otherLanguages: string[] | null;
}

function digestPerson(r: MatchProfile): PersonDigest {
  const windows: number[] = [];
  for (const w of r.availability)
    windows.push(WEEKDAYS.indexOf(w.day), toMinutes(w.start), toMinutes(w.end));
  const latest = new Map<string, { done: number; expires: number }>();
  for (const t of r.trainings) {
    // Trained on a date nobody wrote down: completed, as early as possible.
    const done = t.completedOn ? dayNumber(t.completedOn) : 1;
    if (done > (latest.get(t.kind)?.done ?? 0))
      latest.set(t.kind, { done, expires: t.expiresOn ? dayNumber(t.expiresOn) : NO_EXPIRY });
  }
  let languageBits = 0;
  let otherLanguages: string[] | null = null;
  for (const l of r.languages) {
    const bit = languageBit(l);
    if (bit !== 0) languageBits |= bit;
    else (otherLanguages ??= []).push(l);
  }
  // The profile itself: the backend loads only matching's columns, so nothing more is kept.
  const person: MatchPerson = r;
  return { person, windows, latest, languageBits, otherLanguages };
}

function entryFor(r: MatchProfile, d: PersonDigest, role: ResponderRole): Entry {
  const requiredKind = ROLE_REQUIRED_TRAINING[role];
  const req = requiredKind ? d.latest.get(requiredKind) : undefined;
  const practice = d.latest.get(ROLE_TRAINING[role]);
  return {
    r: d.person,
    lat: r.homeLat,
    lon: r.homeLon,
    hasCar: r.hasCar,
    onCall: r.onCall,
    avoidScenes: r.avoidEnforcementScenes,
    maxTravelMinutes: r.maxTravelMinutes,
    roleCount: r.roles.length,
    languageBits: d.languageBits,
    otherLanguages: d.otherLanguages,
    reqDone: req?.done ?? 0,
    reqExpires: req?.expires ?? 0,
    practiceDone: practice?.done ?? 0,
    practiceExpires: practice?.expires ?? 0,
    windows: d.windows,
  };
}

/**
 * On call, or inside one of their windows at this local weekday and minute: the same reading as
 * availabilityNow (availability.ts), on the digested windows.
 */
export function availableAt(
  placement: Pick<Placement, 'person' | 'windows'>,
  dayIndex: number,
  minutes: number,
): boolean {
  if (placement.person?.onCall) return true;
  const win = placement.windows;
  for (let k = 0; k < win.length; k += 3)
    if (win[k] === dayIndex && win[k + 1]! <= minutes && minutes < win[k + 2]!) return true;
  return false;
}
