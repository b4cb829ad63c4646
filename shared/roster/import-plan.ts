/**
 * The roster import planner: given the parsed CSV, a column mapping and the existing roster, what
 * an import WOULD do (rows to add, likely duplicates with a proposed action, problem rows by line
 * with the reason). Pure and deterministic: the renderer's preview, the backend's commit (which
 * re-plans from the same bytes, never trusting a plan sent back) and the CLI all run this.
 */
import { ResponderFieldsSchema, type ResponderFields } from '../api/schemas';
import type { ParsedCsv } from './csv';
import { mappingProblems, type ColumnMapping, type RosterField } from './columns';
import {
  fold,
  nameKey,
  normalizePhone,
  parseAvailability,
  parseLanguages,
  parseRoles,
  parseTown,
  parseTrainings,
  parseYesNo,
  splitPhones,
  type HomeBase,
  type Parsed,
} from './normalize';

export interface ExistingResponderRef {
  id: string;
  name: string;
  homeTown: string;
  phones: readonly { e164: string }[];
}

export interface PlannedRow {
  line: number;
  fields: ResponderFields;
}

export type DuplicateAction = 'merge' | 'skip' | 'add';

export interface PlannedDuplicate extends PlannedRow {
  matchedBy: 'phone' | 'name_town';
  /** The earlier person this row looks like: someone on the roster, or an earlier row of the file. */
  match:
    | { kind: 'roster'; responderId: string; name: string; homeTown: string }
    | { kind: 'file'; line: number; name: string; homeTown: string };
  proposedAction: DuplicateAction;
}

export interface RowProblem {
  line: number;
  reason: string;
}

export interface RosterImportPlan {
  encoding: string;
  delimiter: string;
  headers: string[];
  mapping: ColumnMapping;
  /** The mapping cannot import anything until these are fixed (e.g. no column is the name). */
  mappingProblems: string[];
  totalRows: number;
  rowsToAdd: PlannedRow[];
  duplicates: PlannedDuplicate[];
  problems: RowProblem[];
}

const PHONE_LIMIT = 4;

function cellsFor(cells: readonly string[], mapping: ColumnMapping, field: RosterField): string[] {
  const out: string[] = [];
  mapping.forEach((f, i) => {
    if (f === field) {
      // Export defuses spreadsheet formulas with a leading ' ; read it back without it.
      const v = (cells[i] ?? '').trim().replace(/^'(?=[=+\-@])/, '');
      if (v) out.push(v);
    }
  });
  return out;
}

/** One row to responder fields, or every reason it cannot be imported (joined, first first). */
export function rowToFields(
  cells: readonly string[],
  mapping: ColumnMapping,
  townOf: (text: string) => Parsed<HomeBase> = parseTown,
): Parsed<ResponderFields> {
  const reasons: string[] = [];
  const get = (field: RosterField) => cellsFor(cells, mapping, field);
  const single = (field: RosterField) => get(field).join(' ');
  const take = <T>(p: Parsed<T>, fallback: T): T => {
    if (p.ok) return p.value;
    reasons.push(p.reason);
    return fallback;
  };

  const name = get('name').join(' ').replace(/\s+/g, ' ').trim();
  if (!name) reasons.push('Name is missing');

  const phones: ResponderFields['phones'] = [];
  for (const raw of get('phones').flatMap(splitPhones)) {
    const p = normalizePhone(raw);
    if (!p.ok) reasons.push(p.reason);
    else if (!phones.some((q) => q.e164 === p.value.e164)) phones.push(p.value);
  }
  if (phones.length > PHONE_LIMIT) reasons.push(`At most ${PHONE_LIMIT} phones per person`);

  const languagesCell = single('languages');
  const languages = languagesCell ? take(parseLanguages(languagesCell), []) : [];
  if (!languagesCell) reasons.push('No language given');

  const roles = take(parseRoles(single('roles')), []);
  const trainings = take(parseTrainings(get('trainings').join('; ')), []);
  const availability = take(parseAvailability(get('availability').join('; ')), []);

  const townText = single('homeTown');
  const town = townText ? take(townOf(townText), null) : null;
  if (!townText) reasons.push('Town is missing');

  const yesNo = (field: RosterField, label: string, fallback: boolean) => {
    const p = parseYesNo(single(field), fallback);
    return p.ok ? p.value : (reasons.push(`${label}: ${p.reason}`), fallback);
  };
  const onCall = yesNo('onCall', 'On call', false);
  const hasCar = yesNo('hasCar', 'Car', false);
  const avoidEnforcementScenes = yesNo('avoidEnforcementScenes', 'Avoid enforcement scenes', false);
  const active = yesNo('active', 'Active', true);

  let maxTravelMinutes = 30;
  const travel = single('maxTravelMinutes');
  if (travel) {
    const n = Number(travel.replace(/\s*(min|mins|minutes|minutos)\.?$/i, '').trim());
    if (!Number.isInteger(n) || n < 5 || n > 240)
      reasons.push(`Max travel "${travel}" must be whole minutes from 5 to 240`);
    else maxTravelMinutes = n;
  }

  if (reasons.length || !town) return { ok: false, reason: reasons.join('; ') };
  const candidate = {
    name,
    phones,
    languages,
    roles,
    trainings,
    homeTown: town.homeTown,
    homeLat: town.homeLat,
    homeLon: town.homeLon,
    availability,
    onCall,
    hasCar,
    maxTravelMinutes,
    avoidEnforcementScenes,
    notes: get('notes').join(' · '),
    active,
  };
  const checked = ResponderFieldsSchema.safeParse(candidate);
  if (!checked.success) {
    const reason = checked.error.issues
      .map((i) => `${i.path.join('.') || 'row'}: ${i.message}`)
      .join('; ');
    return { ok: false, reason };
  }
  return { ok: true, value: checked.data };
}

const townKey = (town: string) => fold(town);
const personKey = (name: string, town: string) => `${nameKey(name)}|${townKey(town)}`;

/**
 * Plans an import. Duplicates are checked against the existing roster (inactive people too) and
 * against earlier rows of the same file: the same E.164 phone means the same person (proposed:
 * merge); the same name in the same town without a shared phone may be two people (proposed:
 * skip, so nobody's phone is attached to a stranger without a dispatcher looking).
 */
export function planRosterImport(
  csv: ParsedCsv,
  mapping: ColumnMapping,
  existing: readonly ExistingResponderRef[],
): RosterImportPlan {
  const width = csv.headers.length;
  const cleanMapping: ColumnMapping = Array.from({ length: width }, (_, i) => mapping[i] ?? null);
  const plan: RosterImportPlan = {
    encoding: csv.encoding,
    delimiter: csv.delimiter === '\t' ? 'tab' : csv.delimiter,
    headers: csv.headers,
    mapping: cleanMapping,
    mappingProblems: mappingProblems(cleanMapping),
    totalRows: csv.rows.length + csv.problems.length,
    rowsToAdd: [],
    duplicates: [],
    problems: [...csv.problems],
  };
  if (csv.headers.length === 0) plan.mappingProblems.push('The file is empty (no header row)');
  if (plan.mappingProblems.length) {
    plan.problems.sort((a, b) => a.line - b.line);
    return plan;
  }

  type Seen = PlannedDuplicate['match'];
  const byPhone = new Map<string, Seen>();
  const byPerson = new Map<string, Seen>();
  for (const r of existing) {
    const seen: Seen = { kind: 'roster', responderId: r.id, name: r.name, homeTown: r.homeTown };
    for (const p of r.phones) if (!byPhone.has(p.e164)) byPhone.set(p.e164, seen);
    const key = personKey(r.name, r.homeTown);
    if (!byPerson.has(key)) byPerson.set(key, seen);
  }

  const towns = new Map<string, Parsed<HomeBase>>();
  const townOf = (text: string) => {
    const key = text.trim().toLowerCase();
    let hit = towns.get(key);
    if (!hit) towns.set(key, (hit = parseTown(text)));
    return hit;
  };

  for (const row of csv.rows) {
    const parsed = rowToFields(row.cells, cleanMapping, townOf);
    if (!parsed.ok) {
      plan.problems.push({ line: row.line, reason: parsed.reason });
      continue;
    }
    const fields = parsed.value;
    const phoneHit = fields.phones.map((p) => byPhone.get(p.e164)).find(Boolean);
    const key = personKey(fields.name, fields.homeTown);
    const personHit = byPerson.get(key);
    const self: Seen = {
      kind: 'file',
      line: row.line,
      name: fields.name,
      homeTown: fields.homeTown,
    };
    if (phoneHit || personHit) {
      plan.duplicates.push({
        line: row.line,
        fields,
        matchedBy: phoneHit ? 'phone' : 'name_town',
        match: (phoneHit ?? personHit)!,
        proposedAction: phoneHit ? 'merge' : 'skip',
      });
    } else {
      plan.rowsToAdd.push({ line: row.line, fields });
    }
    for (const p of fields.phones) if (!byPhone.has(p.e164)) byPhone.set(p.e164, phoneHit ?? self);
    if (!byPerson.has(key)) byPerson.set(key, phoneHit ?? personHit ?? self);
  }
  plan.problems.sort((a, b) => a.line - b.line);
  return plan;
}
