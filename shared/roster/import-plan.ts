/**
 * The roster import planner: given the parsed file, a column mapping and the existing roster, what
 * an import WOULD do (people to add, each with the warnings about what could not be read; likely
 * duplicates with a proposed action; refused rows by line with the reason). Pure and
 * deterministic: the renderer's preview, the backend's commit (which re-plans from the same
 * bytes, never trusting a plan sent back) and the CLI all run this.
 */
import type { ResponderFields } from '../api/schemas';
import type { ParsedCsv } from './csv';
import { mappingProblems, type ColumnMapping } from './columns';
import { fold, nameKey, parseTown, type HomeBase, type Parsed } from './normalize';
import { sameName } from './identity';
import { rowToFields, type RowContext } from './row-fields';
import { note, noteText, type ImportNote, type ProblemKind } from './import-notes';

export interface ExistingResponderRef {
  id: string;
  name: string;
  homeTown: string;
  phones: readonly { e164: string }[];
}

export interface PlannedRow {
  line: number;
  fields: ResponderFields;
  /** What could not be read; the person is imported, these go to their notes for review. */
  warnings: ImportNote[];
}

/** What the dispatcher may decide for a duplicate. */
export type DuplicateAction = 'merge' | 'skip' | 'add';
/**
 * What the planner proposes: merge only when phone AND name agree; review when only one does
 * (committed without a decision, a "review" row is added as a separate person, flagged).
 */
export type ProposedAction = 'merge' | 'review';

export interface PlannedDuplicate extends PlannedRow {
  matchedBy: 'phone' | 'name_town' | 'phone_and_name';
  /** The earlier person this row looks like: someone on the roster, or an earlier row of the file. */
  match:
    | { kind: 'roster'; responderId: string; name: string; homeTown: string }
    | { kind: 'file'; line: number; name: string; homeTown: string };
  proposedAction: ProposedAction;
}

export interface RowProblem {
  line: number;
  kind: ProblemKind;
  params: ImportNote['params'];
  /** The same in English, for the CLI and logs. */
  reason: string;
}

export interface RosterImportPlan {
  encoding: string;
  delimiter: string;
  headers: string[];
  mapping: ColumnMapping;
  /** The mapping cannot import anything until these are fixed (e.g. no column is the name). */
  mappingNotes: ImportNote[];
  /** The same in English. */
  mappingProblems: string[];
  totalRows: number;
  rowsToAdd: PlannedRow[];
  duplicates: PlannedDuplicate[];
  problems: RowProblem[];
  /** What committing with the proposed actions would do, in words ("21 added, 1 merged, …"). */
  summary: ImportNoteLike[];
}

export const rowProblem = (line: number, n: ImportNote): RowProblem => ({
  line,
  // Rows are refused only with problem kinds (row-fields.ts, csv.ts).
  kind: n.kind as ProblemKind,
  params: n.params,
  reason: noteText(n),
});

const townKey = (town: string) => fold(town);
const personKey = (name: string, town: string) => `${nameKey(name)}|${townKey(town)}`;

/**
 * Plans an import. Duplicates are checked against the existing roster (inactive people too) and
 * against earlier rows of the same file. The same phone AND the same name (or one name within
 * the other, "Ana" ~ "Ana Prueba") is the same person: proposed merge. The same phone with another
 * name, or the same name in the same town without a shared phone, may be two people (a shared
 * family phone, two Ana Pérez in Holyoke): proposed review, never an automatic merge.
 */
export function planRosterImport(
  csv: ParsedCsv,
  mapping: ColumnMapping,
  existing: readonly ExistingResponderRef[],
): RosterImportPlan {
  const steps = planRosterImportSteps(csv, mapping, existing);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Rows planned between two progress reports. */
export const PLAN_CHUNK = 1000;

/**
 * The same plan, one chunk of rows at a time: yields `{done, total}` after each chunk so a caller
 * can report progress (and let other work run) on a large file.
 */
export function* planRosterImportSteps(
  csv: ParsedCsv,
  mapping: ColumnMapping,
  existing: readonly ExistingResponderRef[],
): Generator<{ done: number; total: number }, RosterImportPlan> {
  const width = csv.headers.length;
  const cleanMapping: ColumnMapping = Array.from({ length: width }, (_, i) => mapping[i] ?? null);
  const mappingNotes =
    csv.headers.length === 0 ? [note('file_empty')] : mappingProblems(cleanMapping);
  const plan: RosterImportPlan = {
    encoding: csv.encoding,
    delimiter: csv.delimiter === '\t' ? 'tab' : csv.delimiter,
    headers: csv.headers,
    mapping: cleanMapping,
    mappingNotes,
    mappingProblems: mappingNotes.map((n) => noteText(n)),
    totalRows: csv.rows.length + csv.problems.length,
    rowsToAdd: [],
    duplicates: [],
    problems: csv.problems.map((p) => rowProblem(p.line, p.note)),
    summary: [],
  };
  if (plan.mappingNotes.length) {
    plan.problems.sort((a, b) => a.line - b.line);
    plan.summary = importSummary({ added: 0, merged: 0, skipped: 0, review: 0, problems: [] });
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
  const context: RowContext = {
    headers: csv.headers,
    readings: new Map(),
    townOf: (text: string) => {
      const key = text.trim().toLowerCase();
      let hit = towns.get(key);
      if (!hit) towns.set(key, (hit = parseTown(text)));
      return hit;
    },
  };

  const total = csv.rows.length;
  for (let i = 0; i < total; i++) {
    if (i > 0 && i % PLAN_CHUNK === 0) yield { done: i, total };
    const row = csv.rows[i]!;
    const parsed = rowToFields(row.cells, cleanMapping, context);
    if (!parsed.ok) {
      plan.problems.push(rowProblem(row.line, parsed.problem));
      continue;
    }
    const { fields, warnings } = parsed;
    const phoneHit = fields.phones.map((p) => byPhone.get(p.e164)).find(Boolean);
    const key = personKey(fields.name, fields.homeTown);
    const personHit = byPerson.get(key);
    const self: Seen = {
      kind: 'file',
      line: row.line,
      name: fields.name,
      homeTown: fields.homeTown,
    };
    const match = phoneHit ?? personHit;
    if (match) {
      const bothAgree = !!phoneHit && sameName(phoneHit.name, fields.name);
      plan.duplicates.push({
        line: row.line,
        fields,
        warnings,
        matchedBy: bothAgree ? 'phone_and_name' : phoneHit ? 'phone' : 'name_town',
        match,
        proposedAction: bothAgree ? 'merge' : 'review',
      });
    } else {
      plan.rowsToAdd.push({ line: row.line, fields, warnings });
    }
    const sameAsMatch = !!phoneHit && sameName(phoneHit.name, fields.name);
    for (const p of fields.phones)
      if (!byPhone.has(p.e164)) byPhone.set(p.e164, sameAsMatch ? phoneHit : self);
    if (!byPerson.has(key)) byPerson.set(key, sameAsMatch ? phoneHit : self);
  }
  plan.problems.sort((a, b) => a.line - b.line);
  const proposedMerges = plan.duplicates.filter((d) => d.proposedAction === 'merge').length;
  plan.summary = importSummary({
    // Committed as proposed: a "review" duplicate is added as a separate person.
    added: plan.rowsToAdd.length + plan.duplicates.length - proposedMerges,
    merged: proposedMerges,
    skipped: 0,
    review: [...plan.rowsToAdd, ...plan.duplicates].filter(
      (r) => r.warnings.length > 0 || ('proposedAction' in r && r.proposedAction === 'review'),
    ).length,
    problems: plan.problems,
  });
  return plan;
}

/** Counts for the summary in words. */
export interface ImportCounts {
  added: number;
  merged: number;
  skipped: number;
  review: number;
  problems: readonly { kind: string }[];
}

/**
 * The end of an import in words, as parts the renderer joins with ", ": "21 added, 1 merged,
 * 1 needs a name". Each part is `{kind, params}` (i18n key `importSummary.<what>.one|other`).
 */
export function importSummary(c: ImportCounts): ImportNoteLike[] {
  const parts: ImportNoteLike[] = [];
  const part = (what: string, count: number) => {
    if (count > 0)
      parts.push({
        kind: `importSummary.${what}.${count === 1 ? 'one' : 'other'}`,
        params: { count },
      });
  };
  part('added', c.added);
  part('merged', c.merged);
  part('skipped', c.skipped);
  part('review', c.review);
  part('name_missing', c.problems.filter((p) => p.kind === 'name_missing').length);
  part('unreachable', c.problems.filter((p) => p.kind === 'unreachable').length);
  part(
    'unreadable',
    c.problems.filter((p) => p.kind !== 'name_missing' && p.kind !== 'unreachable').length,
  );
  if (!parts.length) parts.push({ kind: 'importSummary.nothing', params: {} });
  return parts;
}

export interface ImportNoteLike {
  kind: string;
  params: Record<string, string | number>;
}
