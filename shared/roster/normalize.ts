/**
 * Normalization of what organizers type into spreadsheets and forms: phones, languages, roles,
 * trainings, towns, dates, yes/no, availability. Pure (no Node built-ins): the import planner,
 * the renderer's mapping step and the CLI share it. Every parser returns either a value or a
 * reason a person can act on ("Phone '555-0101' has 7 digits; a US number needs 10").
 */
import {
  LANGUAGES,
  RESPONDER_ROLES,
  TRAININGS,
  WEEKDAYS,
  type LanguageCode,
  type ResponderRole,
  type TrainingKind,
  type Weekday,
} from '../domain/vocabulary';
import { geocode } from '../geo/geocoder';
import { foldText } from '../geo/normalize';

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

// ---------- vocabulary synonyms ----------

const LANGUAGE_SYNONYMS: Record<LanguageCode, string[]> = {
  en: ['en', 'eng', 'english', 'ingles', 'inglés', 'anglais', 'angle', 'ingles basico'],
  es: [
    'es',
    'spa',
    'spanish',
    'espanol',
    'español',
    'castellano',
    'espagnol',
    'panyol',
    'espanhol',
  ],
  pt: [
    'pt',
    'por',
    'portuguese',
    'portugues',
    'português',
    'portugués',
    'brazilian portuguese',
    'portugais',
    'potige',
  ],
  ht: [
    'ht',
    'hat',
    'kreyol',
    'kreyòl',
    'kreyol ayisyen',
    'creole',
    'haitian creole',
    'haitian',
    'creole haitiano',
    'criollo haitiano',
    'criollo',
    'creole haitien',
    'crioulo haitiano',
    'kreol',
  ],
  fr: ['fr', 'fre', 'french', 'frances', 'francés', 'français', 'francais', 'franse'],
  vi: ['vi', 'vietnamese', 'vietnamita', 'tieng viet', 'tiếng việt'],
  ar: ['ar', 'arabic', 'arabe', 'árabe'],
  zh: ['zh', 'chinese', 'mandarin', 'cantonese', 'chino', 'mandarín', 'chines', 'chinês'],
  ne: ['ne', 'nepali', 'nepalí', 'nepalese'],
  sw: ['sw', 'swahili', 'suajili', 'kiswahili'],
  ru: ['ru', 'russian', 'ruso', 'russo'],
  qu: ['qu', 'quechua', 'kichwa', 'runasimi'],
};

const ROLE_SYNONYMS: Record<ResponderRole, string[]> = {
  verifier: [
    'verifier',
    'verifiers',
    'verificador',
    'verificadora',
    'verificacion',
    'verification',
    'verify',
  ],
  legal_observer: [
    'legal observer',
    'legal observers',
    'observador legal',
    'observadora legal',
    'observadores legales',
    'lo',
    'nlg observer',
  ],
  documenter: [
    'documenter',
    'documentor',
    'documentador',
    'documentadora',
    'documentation',
    'documentacion',
    'video',
    'photographer',
  ],
  rally_responder: [
    'rally responder',
    'rally',
    'responder',
    'respondedor',
    'respondedora',
    'rapid responder',
    'respuesta rapida',
    'manifestante',
    'apoyo en la calle',
  ],
  rally_lead: [
    'rally lead',
    'rally leader',
    'lead',
    'marshal',
    'marshall',
    'lider',
    'lider de rally',
    'lider del rally',
    'lider de la manifestacion',
    'coordinador',
    'coordinadora',
    'mariscal',
  ],
  faith_leader: [
    'faith leader',
    'faith',
    'clergy',
    'pastor',
    'pastora',
    'chaplain',
    'lider religioso',
    'lider religiosa',
    'lider de fe',
    'religioso',
  ],
  song_leader: [
    'song leader',
    'song',
    'singer',
    'lider de canto',
    'lider de canciones',
    'cantante',
    'canto',
    'musica',
  ],
  interpreter: [
    'interpreter',
    'interpretation',
    'translator',
    'interprete',
    'interpretacion',
    'traductor',
    'traductora',
    'entepret',
  ],
  medic: [
    'medic',
    'street medic',
    'medico',
    'medica',
    'first aid',
    'primeros auxilios',
    'enfermera',
    'enfermero',
    'nurse',
  ],
  driver: ['driver', 'chofer', 'chófer', 'conductor', 'conductora', 'transporte', 'rides', 'ride'],
  family_support: [
    'family support',
    'family',
    'apoyo familiar',
    'apoyo a la familia',
    'apoyo a familias',
    'acompanamiento',
    'accompaniment',
    'acompanante',
  ],
};

const TRAINING_SYNONYMS: Record<TrainingKind, string[]> = {
  sanctuary_in_the_streets: [
    'sanctuary in the streets',
    'sits',
    'sanctuary',
    'santuario en las calles',
    'santuario en la calle',
    'santuario',
    'rapid response training',
    'entrenamiento de respuesta rapida',
  ],
  legal_observer: [
    'legal observer',
    'legal observer training',
    'observador legal',
    'observadores legales',
    'nlg',
    'nlg legal observer',
    'lo',
  ],
  know_your_rights: [
    'know your rights',
    'kyr',
    'conozca sus derechos',
    'conoce tus derechos',
    'derechos',
  ],
  verifier: ['verifier', 'verification', 'verificador', 'verificacion', 'verifier training'],
  de_escalation: [
    'de escalation',
    'deescalation',
    'de escalada',
    'desescalada',
    'desescalamiento',
    'desescalacion',
  ],
  first_aid: ['first aid', 'cpr', 'primeros auxilios', 'street medic', 'medic'],
  interpreter: ['interpreter', 'interpretation', 'interpretacion', 'interprete', 'language access'],
};

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

const LANGUAGE_TABLE = synonymTable(LANGUAGES, LANGUAGE_SYNONYMS);
const ROLE_TABLE = synonymTable(RESPONDER_ROLES, ROLE_SYNONYMS);
const TRAINING_TABLE = synonymTable(TRAININGS, TRAINING_SYNONYMS);

/** Lists in a cell: "Español, inglés", "es/en", "Spanish and English", "español y portugués". */
export function splitList(cell: string): string[] {
  return cell
    .split(/[,;/|+\n&]|\s+(?:and|y|e|et|ak)\s+/i)
    .map((t) => t.trim())
    .filter(Boolean);
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

export const languageCode = (token: string): LanguageCode | undefined =>
  lookup(LANGUAGE_TABLE, token);
export const roleCode = (token: string): ResponderRole | undefined => lookup(ROLE_TABLE, token);
export const trainingCode = (token: string): TrainingKind | undefined =>
  lookup(TRAINING_TABLE, token);

function parseCodes<C extends string>(
  cell: string,
  find: (t: string) => C | undefined,
  what: string,
): Parsed<C[]> {
  const out: C[] = [];
  const unknown: string[] = [];
  for (const token of splitList(cell)) {
    const code = find(token);
    if (code) {
      if (!out.includes(code)) out.push(code);
    } else unknown.push(token);
  }
  if (unknown.length) return bad(`Unknown ${what}: ${unknown.map((u) => `"${u}"`).join(', ')}`);
  return ok(out);
}

export const parseLanguages = (cell: string) => parseCodes(cell, languageCode, 'language');
export const parseRoles = (cell: string) => parseCodes(cell, roleCode, 'role');

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
  const f = fold(t);
  if (YES.has(t) || YES.has(f)) return ok(true);
  if (NO.has(t) || NO.has(f)) return ok(false);
  return bad(`"${input.trim()}" is not yes or no (sí/no)`);
}

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

// ---------- trainings ----------

export interface TrainingEntry {
  kind: TrainingKind;
  completedOn: string;
  expiresOn: string | null;
}

const DATE_TOKEN = /\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2}))\b/g;

/**
 * "Legal observer 2026-03-01 until 2028-03-01; KYR 3/15/2025": the words name the training, the
 * first date is when it was completed, a second date (until/hasta/expires/vence) its expiry.
 */
export function parseTrainings(cell: string): Parsed<TrainingEntry[]> {
  const out: TrainingEntry[] = [];
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
    const kind = trainingCode(words);
    if (!kind) return bad(`Unknown training "${words || part}"`);
    if (dates.length === 0) return bad(`Training "${part}" has no date (when was it completed?)`);
    const completed = parseDate(dates[0]!);
    if (!completed.ok) return bad(`Training "${part}": ${completed.reason}`);
    let expiresOn: string | null = null;
    if (dates[1]) {
      const exp = parseDate(dates[1]);
      if (!exp.ok) return bad(`Training "${part}": ${exp.reason}`);
      if (exp.value < completed.value)
        return bad(`Training "${part}" expires before it was completed`);
      expiresOn = exp.value;
    }
    const existing = out.findIndex((t) => t.kind === kind);
    const entry = { kind, completedOn: completed.value, expiresOn };
    if (existing < 0) out.push(entry);
    else if (out[existing]!.completedOn < entry.completedOn) out[existing] = entry;
  }
  return ok(out);
}

export function formatTrainings(trainings: readonly TrainingEntry[]): string {
  return trainings
    .map(
      (t) =>
        `${t.kind.replace(/_/g, ' ')} ${t.completedOn}${t.expiresOn ? ` until ${t.expiresOn}` : ''}`,
    )
    .join('; ');
}

// ---------- availability ----------

export interface AvailabilityWindow {
  day: Weekday;
  start: string;
  end: string;
}

const DAY_WORDS: Record<string, Weekday[]> = {};
const dayNames: Record<Weekday, string[]> = {
  mon: ['mon', 'monday', 'lun', 'lunes'],
  tue: ['tue', 'tues', 'tuesday', 'mar', 'martes'],
  wed: ['wed', 'wednesday', 'mie', 'mier', 'miercoles'],
  thu: ['thu', 'thur', 'thurs', 'thursday', 'jue', 'jueves'],
  fri: ['fri', 'friday', 'vie', 'viernes'],
  sat: ['sat', 'saturday', 'sab', 'sabado'],
  sun: ['sun', 'sunday', 'dom', 'domingo'],
};
for (const day of WEEKDAYS) for (const w of dayNames[day]) DAY_WORDS[w] = [day];
const WEEKDAY_LIST: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
for (const w of ['weekdays', 'weekday', 'entre semana', 'dias de semana', 'lun vie', 'mon fri'])
  DAY_WORDS[w] = WEEKDAY_LIST;
for (const w of ['weekends', 'weekend', 'fines de semana', 'fin de semana', 'sat sun', 'sab dom'])
  DAY_WORDS[w] = ['sat', 'sun'];
for (const w of ['daily', 'every day', 'todos los dias', 'diario', 'any day'])
  DAY_WORDS[w] = [...WEEKDAYS];

function parseClock(text: string): string | null {
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|a|p)?$/i.exec(text.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  const mer = m[3]?.toLowerCase()[0];
  if (mer === 'p' && h < 12) h += 12;
  if (mer === 'a' && h === 12) h = 0;
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** "mon 18:00-22:00; sat 9am-5pm", "fines de semana 9-17", "weekdays 17:00-23:00". */
export function parseAvailability(cell: string): Parsed<AvailabilityWindow[]> {
  const out: AvailabilityWindow[] = [];
  for (const part of cell
    .split(/[;|\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m =
      /^(.*?)\s*(\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|a|p)?)\s*(?:-|–|to|a|hasta)\s*(\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|a|p)?)$/i.exec(
        part,
      );
    if (!m) return bad(`Availability "${part}" is not "day HH:MM-HH:MM"`);
    const dayKey = fold(m[1]!);
    const words = dayKey.split(' ').filter(Boolean);
    const resolved =
      DAY_WORDS[dayKey] ??
      (words.length && words.every((w) => DAY_WORDS[w])
        ? words.flatMap((w) => DAY_WORDS[w]!)
        : null);
    if (!resolved) return bad(`Availability "${part}": unknown day "${m[1]}"`);
    const start = parseClock(m[2]!);
    const end = parseClock(m[3]!);
    if (!start || !end) return bad(`Availability "${part}": not a time`);
    if (start >= end)
      return bad(
        `Availability "${part}": a window must end after it starts (split overnight windows at midnight)`,
      );
    for (const day of resolved) {
      if (!out.some((w) => w.day === day && w.start === start && w.end === end))
        out.push({ day, start, end });
    }
  }
  return ok(out);
}

export function formatAvailability(windows: readonly AvailabilityWindow[]): string {
  return windows.map((w) => `${w.day} ${w.start}-${w.end}`).join('; ');
}

// ---------- names ----------

/** Key for duplicate detection: folded, single-spaced ("José  García" = "jose garcia"). */
export const nameKey = (name: string): string => fold(name);
