/**
 * Normalization of what organizers type into spreadsheets and forms: phones, languages, roles,
 * trainings, towns, dates, yes/no, availability. Pure (no Node built-ins): the import planner,
 * the renderer's mapping step and the CLI share it. Every parser returns either a value or a
 * reason a person can act on ("Phone '555-0101' has 7 digits; a US number needs 10").
 */
import {
  RESPONDER_ROLES,
  TRAININGS,
  type ResponderRole,
  type TrainingKind,
} from '../domain/vocabulary';
import { canonicalLanguage, knownLanguage } from '../domain/languages';
import { geocode } from '../geo/geocoder';
import { foldText } from '../geo/normalize';
import { ROLE_SYNONYMS, TRAINING_SYNONYMS } from './synonyms';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** Lowercase, accents and punctuation folded away: "Kreyòl" -> "kreyol", "Líder de canto" -> "lider de canto". */
export const fold = (text: string): string => foldText(text);

// ---------- phones ----------

export interface NormalizedPhone {
  e164: string;
  original: string;
  label: string;
}

/**
 * A US phone number (10 digits, or 11 starting with 1; any punctuation; a leading +1) to E.164,
 * keeping exactly what was typed. International numbers written with a leading + and a country
 * code other than 1 are accepted as they are (7 to 15 digits). Extensions are refused: a text or
 * a call cannot reach an extension, so "ext 12" would silently page the front desk.
 * A trailing "(mobile)" / "(casa)" is kept as the label.
 */
export function normalizePhone(input: string): Parsed<NormalizedPhone> {
  let original = input.trim();
  let label = '';
  const labelled = /\(([^\d()]+)\)\s*$/.exec(original);
  if (labelled) {
    label = labelled[1]!.trim().slice(0, 20);
    original = original.slice(0, labelled.index).trim();
  }
  const prefixed = /^([^\d+(]+):\s*(.*)$/.exec(original);
  if (prefixed && !label) {
    label = prefixed[1]!.trim().slice(0, 20);
    original = prefixed[2]!.trim();
  }
  if (!original) return bad('Phone is empty');
  if (original.length > 40) return bad(`Phone "${original.slice(0, 40)}…" is too long`);
  if (/(\bext\.?|\bextension\b|\bextensión\b|\bx\s*\d|#\s*\d)/i.test(original)) {
    return bad(
      `Phone "${original}" has an extension; give a direct number (texts cannot reach an extension)`,
    );
  }
  if (/[a-z]/i.test(original)) return bad(`Phone "${original}" contains letters`);
  const digits = original.replace(/\D/g, '');
  if (original.startsWith('+') && !original.startsWith('+1')) {
    if (digits.length < 7 || digits.length > 15)
      return bad(`Phone "${original}" is not a valid international number`);
    return ok({ e164: `+${digits}`, original, label });
  }
  let national = digits;
  if (national.length === 11 && national.startsWith('1')) national = national.slice(1);
  if (national.length !== 10) {
    return bad(
      `Phone "${original}" has ${digits.length} digits; a US number needs 10 (with the area code)`,
    );
  }
  if (!/^[2-9]\d{2}[2-9]/.test(national)) {
    return bad(`Phone "${original}" is not a valid US number (area code or exchange)`);
  }
  return ok({ e164: `+1${national}`, original, label });
}

/** Splits a cell holding several phones ("413-555-0101; 413 555 0102 (casa)"). */
export function splitPhones(cell: string): string[] {
  return cell
    .split(/[;,|\n]|\s+\/\s+|\s+(?:or|o|ou)\s+/i)
    .map((p) => p.trim())
    .filter(Boolean);
}

// ---------- vocabulary ----------

function synonymTable<C extends string>(
  codes: readonly C[],
  synonyms: Record<C, string[]>,
): Map<string, C> {
  const table = new Map<string, C>();
  for (const code of codes) {
    table.set(fold(code.replace(/_/g, ' ')), code);
    table.set(code, code);
    for (const s of synonyms[code]) table.set(fold(s), code);
  }
  return table;
}

const ROLE_TABLE = synonymTable(RESPONDER_ROLES, ROLE_SYNONYMS);
const TRAINING_TABLE = synonymTable(TRAININGS, TRAINING_SYNONYMS);

/** Lists in a cell: "Español, inglés", "es/en", "Spanish and English", "español y portugués". */
export function splitList(cell: string): string[] {
  return cell
    .split(/[,;/|+\n&]|\s+(?:and|y|e|et|ak)\s+/i)
    .map((t) => t.trim())
    .filter(Boolean);
}

/**
 * A checkbox answer as Google Forms writes it: items joined with ", " (or ; | newlines), each
 * item perhaps in two languages ("Interpretación / Interpretation"). Returns the items, each with
 * its alternatives; parentheses inside an item never split it.
 */
export function splitItems(cell: string): string[][] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of cell) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && /[,;|\n]/.test(ch)) {
      items.push(current);
      current = '';
    } else current += ch;
  }
  items.push(current);
  return items
    .map((item) =>
      item
        .split(/\s*\/\s*/)
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .filter((alts) => alts.length > 0);
}

function lookup<C extends string>(table: Map<string, C>, token: string): C | undefined {
  const key = fold(token);
  if (!key) return undefined;
  const hit = table.get(key) ?? table.get(key.replace(/s$/, ''));
  if (hit) return hit;
  // "Spanish (fluent)", "español nativo": the first words that match.
  const words = key.split(' ');
  for (let n = words.length - 1; n >= 1; n--) {
    const head = table.get(words.slice(0, n).join(' '));
    if (head) return head;
  }
  return undefined;
}

export const roleCode = (token: string): ResponderRole | undefined => lookup(ROLE_TABLE, token);
export const trainingCode = (token: string): TrainingKind | undefined =>
  lookup(TRAINING_TABLE, token);

export interface CodeList<C> {
  codes: C[];
  /** Items none of whose alternatives could be read, as written. */
  unknown: string[];
}

/**
 * Codes from a list cell. An item counts when ANY of its alternatives reads ("Manejar / Driving");
 * every alternative that reads is kept ("es/en" is two languages). An item whose alternatives
 * all fail may still be a list joined with "and"/"y" ("Spanish and English").
 */
function parseCodes<C extends string>(
  cell: string,
  find: (t: string) => C | undefined,
): CodeList<C> {
  const codes: C[] = [];
  const unknown: string[] = [];
  const add = (c: C) => {
    if (!codes.includes(c)) codes.push(c);
  };
  for (const alts of splitItems(cell)) {
    let found = false;
    for (const alt of alts) {
      const parts = splitList(alt);
      const hits = parts.map(find);
      const read = parts.length > 1 && hits.every(Boolean) ? hits : [find(alt)];
      for (const c of read)
        if (c) {
          add(c);
          found = true;
        }
    }
    if (!found) unknown.push(alts.join(' / '));
  }
  return { codes, unknown };
}

/** A known language in "Spanish (fluent)", "español nativo", "Akan (Twi)"; else undefined. */
function languageOf(text: string): string | undefined {
  const hit = knownLanguage(text) ?? knownLanguage(text.replace(/\([^)]*\)/g, ' '));
  if (hit) return hit;
  const words = fold(text).split(' ');
  for (let n = words.length - 1; n >= 1; n--) {
    const head = knownLanguage(words.slice(0, n).join(' '));
    if (head) return head;
  }
  return undefined;
}

/**
 * Languages are open: a known name or code becomes its ISO code, anything else is kept as written
 * (folded). Only the bilingual doubling of one name ("Twi / Twi") collapses.
 */
export function parseLanguages(cell: string): string[] {
  const out: string[] = [];
  for (const alts of splitItems(cell)) {
    const known = alts.flatMap(splitList).map(languageOf);
    const tags = known.some(Boolean)
      ? (known.filter(Boolean) as string[])
      : [canonicalLanguage(alts[0]!)];
    for (const t of tags) if (t && !out.includes(t)) out.push(t);
  }
  return out;
}
export const parseRoles = (cell: string) => parseCodes(cell, roleCode);

// ---------- dates ----------

const isRealDate = (y: number, m: number, d: number) => {
  if (y < 1950 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
};
const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * YYYY-MM-DD, or M/D/YYYY (US spreadsheets; also with - or .). A first number above 12 can only
 * be a day, so 25/3/2026 (as Spanish speakers write it) is read as D/M. Two-digit years are 20xx.
 */
export function parseDate(input: string): Parsed<string> {
  const text = input.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isRealDate(y, mo, d) ? ok(iso(y, mo, d)) : bad(`"${text}" is not a real date`);
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (m) {
    let [a, b] = [Number(m[1]), Number(m[2])];
    const y = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    if (a > 12 && b <= 12) [a, b] = [b, a];
    return isRealDate(y, a, b) ? ok(iso(y, a, b)) : bad(`"${text}" is not a real date`);
  }
  return bad(`"${text}" is not a date (use YYYY-MM-DD or M/D/YYYY)`);
}

// ---------- yes/no ----------

const YES = new Set([
  'yes',
  'y',
  'si',
  'sí',
  's',
  'x',
  'true',
  '1',
  'sim',
  'wi',
  'oui',
  '✓',
  '✔',
  'ok',
]);
const NO = new Set(['no', 'n', 'false', '0', 'nao', 'não', 'non', '-']);

/** Yes/no in English, Spanish, Portuguese and Kreyòl; an empty cell is `fallback`. */
export function parseYesNo(input: string, fallback = false): Parsed<boolean> {
  const t = input.trim().toLowerCase();
  if (!t) return ok(fallback);
  const one = (w: string): boolean | undefined => {
    const f = fold(w);
    if (YES.has(w) || YES.has(f) || YES_PHRASE.test(f)) return true;
    if (NO.has(w) || NO.has(f) || NO_PHRASE.test(f)) return false;
    return undefined;
  };
  // Option labels in two languages ("Sí / Yes", "No / No"): every half must agree.
  const answers = t
    .split(/\s*\/\s*/)
    .filter(Boolean)
    .map(one);
  const first = answers[0];
  if (first !== undefined && answers.every((a) => a === first)) return ok(first);
  return bad(`"${input.trim()}" is not yes or no (sí/no)`);
}

/** "Yes, I have a car", "No tengo carro", "Sí, tengo": the answer is the first word. */
const YES_PHRASE = /^(yes|si|sim|oui|wi)\b/;
const NO_PHRASE = /^(no|not yet|todavia no|aun no|nao|non)\b/;

// ---------- towns ----------

export interface HomeBase {
  /** The place as people say it: a town, or a village such as Florence. */
  homeTown: string;
  homeLat: number;
  homeLon: number;
  /** The municipality (Florence -> Northampton). */
  municipality: string;
}

/**
 * A town, village or ZIP from the gazetteer, as a coarse point (never a street address: any
 * street part is dropped). Only exact matches are accepted; a near miss names the suggestion.
 */
export function parseTown(input: string): Parsed<HomeBase> {
  const text = input.trim();
  if (!text) return bad('Town is missing');
  const hits = geocode(text, 3);
  const top = hits[0];
  if (!top || top.kind === 'coordinates') return bad(`Unknown town "${text}"`);
  if (top.score < 1000) {
    return bad(`Unknown town "${text}" (did you mean ${top.name}?)`);
  }
  const homeTown = top.kind === 'zip' ? (top.town ?? top.name) : top.name;
  return ok({
    homeTown,
    homeLat: top.lat,
    homeLon: top.lon,
    municipality: top.town ?? homeTown,
  });
}

/** Cities people name that are outside the four counties (the gazetteer knows only those). */
const OUTSIDE_PLACES: ReadonlySet<string> = new Set([
  'boston',
  'worcester',
  'cambridge',
  'somerville',
  'lowell',
  'lawrence',
  'brockton',
  'quincy',
  'lynn',
  'framingham',
  'new bedford',
  'fall river',
  'fitchburg',
  'hartford',
  'new haven',
  'albany',
  'brattleboro',
  'keene',
  'providence',
  'new york',
]);

/**
 * Where a home the gazetteer does not know lies: a ZIP outside 010-013 (the four western counties)
 * or a state other than Massachusetts is outside the area; anything else is just not found.
 */
export function isOutsideArea(text: string): boolean {
  const t = text.trim();
  if (OUTSIDE_PLACES.has(fold(t).replace(/\s+(ma|mass|massachusetts)$/, ''))) return true;
  const zip = /\b(\d{5})(?:-\d{4})?\b/.exec(t);
  if (zip) return !/^01[0-3]/.test(zip[1]!);
  const state = /(?:,|\s)\s*([A-Za-z]{2})\.?$/.exec(t);
  if (state && /^(ct|ny|vt|nh|ri|me|nj|pa|ca|tx|fl|il)$/i.test(state[1]!)) return true;
  return false;
}

// ---------- trainings ----------

export interface TrainingEntry {
  kind: TrainingKind;
  /** Null: trained, date unknown. */
  completedOn: string | null;
  expiresOn: string | null;
}

export type TrainingWarning =
  | { kind: 'training_unknown'; text: string }
  | { kind: 'training_date_unreadable'; text: string }
  | { kind: 'training_without_date'; text: string };

const DATE_TOKEN = /\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2}))\b/g;

/** Keeps the more recent of two records of one kind (a dated one over an undated one). */
export function addTraining(list: TrainingEntry[], entry: TrainingEntry): void {
  const i = list.findIndex((t) => t.kind === entry.kind);
  if (i < 0) list.push(entry);
  else if ((list[i]!.completedOn ?? '') < (entry.completedOn ?? '')) list[i] = entry;
}

/**
 * "Legal observer 2026-03-01 until 2028-03-01; KYR 3/15/2025": the words name the training, the
 * first date is when it was completed, a second date (until/hasta/expires/vence) its expiry.
 * A training without a readable date is kept without one, with a warning.
 */
export function parseTrainings(cell: string): {
  trainings: TrainingEntry[];
  warnings: TrainingWarning[];
} {
  const trainings: TrainingEntry[] = [];
  const warnings: TrainingWarning[] = [];
  for (const part of cell
    .split(/[;|\n]|,(?!\d)/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const dates = [...part.matchAll(DATE_TOKEN)].map((m) => m[1]!);
    const words = part
      .replace(DATE_TOKEN, ' ')
      .replace(
        /\b(until|hasta|expires?|expira|vence|exp|completed|completado|on|el|desde|from|to)\b/gi,
        ' ',
      )
      .replace(/[():]/g, ' ')
      .trim();
    const kind = words
      .split(/\s*\/\s*/)
      .map(trainingCode)
      .find(Boolean);
    if (!kind) {
      warnings.push({ kind: 'training_unknown', text: part });
      continue;
    }
    const completed = dates[0] ? parseDate(dates[0]) : null;
    if (!completed) warnings.push({ kind: 'training_without_date', text: part });
    else if (!completed.ok) warnings.push({ kind: 'training_date_unreadable', text: part });
    const completedOn = completed?.ok ? completed.value : null;
    let expiresOn: string | null = null;
    if (dates[1] && completedOn) {
      const exp = parseDate(dates[1]);
      if (exp.ok && exp.value >= completedOn) expiresOn = exp.value;
      else warnings.push({ kind: 'training_date_unreadable', text: part });
    }
    addTraining(trainings, { kind, completedOn, expiresOn });
  }
  return { trainings, warnings };
}

export function formatTrainings(trainings: readonly TrainingEntry[]): string {
  return trainings
    .map(
      (t) =>
        `${t.kind.replace(/_/g, ' ')}${t.completedOn ? ` ${t.completedOn}` : ''}${t.expiresOn ? ` until ${t.expiresOn}` : ''}`,
    )
    .join('; ');
}

// ---------- names ----------

/** Key for duplicate detection: folded, single-spaced ("José  García" = "jose garcia"). */
export const nameKey = (name: string): string => fold(name);
