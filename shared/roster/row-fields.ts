/**
 * One spreadsheet row to responder fields. Only a missing name, or a person who can be neither
 * reached (no phone) nor placed (no town), refuses the row; every other cell that cannot be read
 * becomes a warning and its original text is kept in the person's notes (see import-notes.ts).
 */
import { ResponderFieldsSchema, type ResponderFields } from '../api/schemas';
import type { ColumnMapping, RosterField } from './columns';
import {
  addTraining,
  normalizePhone,
  parseDate,
  parseLanguages,
  parseRoles,
  parseTrainings,
  parseYesNo,
  isOutsideArea,
  splitPhones,
  trainingCode,
  type HomeBase,
  type Parsed,
  type TrainingEntry,
} from './normalize';
import { parseAvailability } from './availability';
import { personName, textsOptedOut } from './identity';
import { note, notesWithReview, quote, type ImportNote } from './import-notes';
import { WESTERN_MASS_CENTER } from '../geo/region';

const PHONE_LIMIT = 4;
/** The network's core training: what a bare "Have you been trained?" question means. */
const DEFAULT_TRAINING = 'sanctuary_in_the_streets' as const;

export interface RowContext {
  headers: readonly string[];
  townOf: (text: string) => Parsed<HomeBase>;
  /**
   * Cell readings by (what, text): form answers repeat ("Weekday evenings, weekends" on
   * thousands of rows), so each distinct answer is read once per import. Results are shared:
   * callers never mutate them.
   */
  readings?: Map<string, unknown>;
}

function reading<T>(ctx: RowContext, what: string, text: string, read: (t: string) => T): T {
  if (!ctx.readings) return read(text);
  const key = `${what}\u0000${text}`;
  let hit = ctx.readings.get(key) as T | undefined;
  if (hit === undefined) ctx.readings.set(key, (hit = read(text)));
  return hit;
}

export type RowResult =
  | { ok: true; fields: ResponderFields; warnings: ImportNote[] }
  | { ok: false; problem: ImportNote };

function cellsFor(cells: readonly string[], mapping: ColumnMapping, field: RosterField) {
  const out: { text: string; column: number }[] = [];
  mapping.forEach((f, i) => {
    if (f === field) {
      // Export defuses spreadsheet formulas with a leading ' ; read it back without it.
      const v = (cells[i] ?? '').trim().replace(/^'(?=[=+\-@])/, '');
      if (v) out.push({ text: v, column: i });
    }
  });
  return out;
}

export function rowToFields(
  cells: readonly string[],
  mapping: ColumnMapping,
  ctx: RowContext,
): RowResult {
  const warnings: ImportNote[] = [];
  const warn = (kind: ImportNote['kind'], params: ImportNote['params'] = {}) =>
    warnings.push(note(kind, params));
  const get = (field: RosterField) => cellsFor(cells, mapping, field).map((c) => c.text);
  const single = (field: RosterField) => get(field).join(' ');

  // Name: one column (perhaps "Last, First"), or first + last name columns.
  const first = single('firstName');
  const last = single('lastName');
  let name = [first, last].filter(Boolean).join(' ');
  const whole = get('name').join(' ');
  if (whole) {
    const read = personName(whole);
    if (read.reordered) warn('name_reordered', { text: quote(whole), name: read.name });
    name = name ? `${read.name} ${name}` : read.name;
  }
  name = name.replace(/\s+/g, ' ').trim();
  if (!name) return { ok: false, problem: note('name_missing') };

  const phones: ResponderFields['phones'] = [];
  const optedOut = textsOptedOut(single('textsStatus')) === true;
  for (const raw of get('phones').flatMap(splitPhones)) {
    const p = normalizePhone(raw);
    if (!p.ok) warn('phone_unreadable', { text: quote(raw) });
    else if (!phones.some((q) => q.e164 === p.value.e164)) {
      if (phones.length >= PHONE_LIMIT) {
        warn('too_many_phones', { max: PHONE_LIMIT });
        break;
      }
      phones.push({ ...p.value, ...(optedOut ? { noTexts: true } : {}) });
    }
  }

  // Home base: the first town, city, village or ZIP cell that reads.
  const townCells = get('homeTown');
  let home: HomeBase | null = null;
  let placed = true;
  for (const text of townCells) {
    const t = ctx.townOf(text);
    if (t.ok) {
      home = t.value;
      break;
    }
  }
  if (!home) {
    placed = false;
    const text = townCells.join(', ');
    if (!text && phones.length === 0) return { ok: false, problem: note('unreachable') };
    if (!text) warn('town_missing');
    else if (townCells.some(isOutsideArea)) warn('outside_area', { text: quote(text) });
    else warn('town_unknown', { text: quote(text) });
    home = {
      homeTown: text ? quote(text).slice(0, 80) : '—',
      homeLat: WESTERN_MASS_CENTER.lat,
      homeLon: WESTERN_MASS_CENTER.lon,
      municipality: '',
    };
  }

  let languages = reading(ctx, 'languages', get('languages').join(', '), parseLanguages).slice(
    0,
    8,
  );
  if (!languages.length) {
    warn('language_missing');
    languages = ['en'];
  }

  const roles = reading(ctx, 'roles', get('roles').join(', '), parseRoles);
  for (const u of roles.unknown) warn('role_unknown', { text: quote(u) });

  const read = reading(ctx, 'trainings', get('trainings').join('; '), parseTrainings);
  const trainings: TrainingEntry[] = read.trainings.map((t) => ({ ...t }));
  for (const w of read.warnings) warn(w.kind, { text: quote(w.text) });
  // A yes/no question per training, the date beside it: "Sí / Yes" + "3/15/2025".
  const dateText = single('trainingDate');
  for (const c of cellsFor(cells, mapping, 'trainingAttended')) {
    const yes = reading(ctx, 'yesNo', c.text, (t) => parseYesNo(t));
    if (!yes.ok) {
      warn('yes_no_unreadable', { field: ctx.headers[c.column] ?? '', text: quote(c.text) });
      continue;
    }
    if (!yes.value) continue;
    const kind = trainingCodeInHeader(ctx.headers[c.column] ?? '') ?? DEFAULT_TRAINING;
    let completedOn: string | null = null;
    if (dateText) {
      const d = reading(ctx, 'date', dateText, (t) =>
        parseDate(t.replace(/\s+\d{1,2}:\d{2}(:\d{2})?.*$/, '')),
      );
      if (d.ok) completedOn = d.value;
      else warn('training_date_unreadable', { text: quote(dateText) });
    } else warn('training_without_date');
    addTraining(trainings, { kind, completedOn, expiresOn: null });
  }

  const availability = reading(
    ctx,
    'availability',
    get('availability').join('; '),
    parseAvailability,
  );
  for (const u of availability.unknown) warn('availability_unknown', { text: quote(u) });

  const yesNo = (field: RosterField, fallback: boolean) => {
    const text = single(field);
    const p = reading(ctx, `yesNo:${fallback}`, text, (t) => parseYesNo(t, fallback));
    if (p.ok) return p.value;
    warn('yes_no_unreadable', { field, text: quote(text) });
    return fallback;
  };
  const onCall = yesNo('onCall', false);
  const hasCar = yesNo('hasCar', false);
  const avoidEnforcementScenes = yesNo('avoidEnforcementScenes', false);
  const active = yesNo('active', true) && placed;

  let maxTravelMinutes = 30;
  const travel = single('maxTravelMinutes');
  if (travel) {
    const n = Number(travel.replace(/\s*(min|mins|minutes|minutos)\.?$/i, '').trim());
    if (!Number.isInteger(n) || n < 5 || n > 240)
      warn('travel_unreadable', { text: quote(travel) });
    else maxTravelMinutes = n;
  }

  const ownNotes = get('notes').join(' · ');
  if (ownNotes.length > 1000) warn('notes_truncated');
  const candidate = {
    name: name.slice(0, 80),
    phones,
    languages,
    roles: [...roles.codes],
    trainings: trainings.slice(0, 20),
    homeTown: home.homeTown,
    homeLat: home.homeLat,
    homeLon: home.homeLon,
    availability: availability.windows.slice(0, 50).map((w) => ({ ...w })),
    onCall,
    hasCar,
    maxTravelMinutes,
    avoidEnforcementScenes,
    notes: notesWithReview(ownNotes, warnings),
    active,
  };
  const checked = ResponderFieldsSchema.safeParse(candidate);
  if (!checked.success) {
    // Every field was read or defaulted above; a schema refusal here is a bug, named by path.
    const path = checked.error.issues.map((i) => i.path.join('.') || 'row').join(', ');
    return { ok: false, problem: note('row_unreadable', { field: path }) };
  }
  return { ok: true, fields: checked.data, warnings };
}

/** Headers are few and rows many: each header is read for its training once per process. */
const trainingInHeader = new Map<string, ReturnType<typeof trainingCode>>();

/** The training a yes/no question names ("…Sanctuary in the Streets training?"), if any. */
function trainingCodeInHeader(header: string): ReturnType<typeof trainingCode> {
  if (trainingInHeader.has(header)) return trainingInHeader.get(header);
  if (trainingInHeader.size > 1000) trainingInHeader.clear();
  const code = findTrainingCode(header);
  trainingInHeader.set(header, code);
  return code;
}

function findTrainingCode(header: string): ReturnType<typeof trainingCode> {
  for (const part of header.split(/[/|()¿?:]+/)) {
    const words = part.trim().split(/\s+/);
    for (let i = 0; i < words.length; i++) {
      const hit = trainingCode(words.slice(i).join(' '));
      if (hit) return hit;
    }
  }
  return undefined;
}
