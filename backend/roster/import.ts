import { and, asc, eq, sql } from 'drizzle-orm';
import readXlsxFile from 'read-excel-file/node';
import type { BackendContext } from '../context';
import { activityLog, responders } from '../../db/schema';
import { responderFromRow } from '../rows';
import { mutate } from '../mutation';
import { uuidv7 } from '../../shared/ids';
import {
  ResponderFieldsSchema,
  type Responder,
  type ResponderFields,
} from '../../shared/api/schemas';
import {
  base64ToBytes,
  parseCsvBytes,
  parseCsvText,
  parseGrid,
  type ParsedCsv,
} from '../../shared/roster/csv';
import { suggestMapping, type ColumnMapping } from '../../shared/roster/columns';
import {
  importSummary,
  planRosterImport,
  planRosterImportSteps,
  type DuplicateAction,
  type ExistingResponderRef,
  type ImportNoteLike,
  type RosterImportPlan,
  type RowProblem,
} from '../../shared/roster/import-plan';
import { note, noteKey, notesWithReview, type ImportNote } from '../../shared/roster/import-notes';
import { mergeResponderFields, rosterToCsv } from '../../shared/roster/export';
import { deferSearchIndex } from '../search-index-batch';
import { refusal } from '../refusal';

export interface CsvSource {
  csvText?: string | undefined;
  csvBase64?: string | undefined;
}

/** An .xlsx file is a zip archive: it starts with "PK\x03\x04". */
const isZip = (b: Uint8Array) =>
  b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** A spreadsheet cell as the text a person sees; dates as YYYY-MM-DD. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/**
 * The file as rows: CSV in any common encoding (csv.ts), or the first sheet of an Excel .xlsx
 * workbook, read with read-excel-file (maintained, small, no native code, works in Node and the
 * browser alike).
 */
async function readRoster(source: CsvSource): Promise<ParsedCsv> {
  if (source.csvBase64 !== undefined) {
    let bytes: Uint8Array;
    try {
      bytes = base64ToBytes(source.csvBase64);
    } catch {
      throw refusal('invalid_input', 'error.import.unreadable');
    }
    if (isZip(bytes)) {
      try {
        const sheets = await readXlsxFile(Buffer.from(bytes));
        const data = sheets[0]?.data ?? [];
        return parseGrid(
          data.map((row) => row.map(cellText)),
          'xlsx',
        );
      } catch {
        throw refusal('invalid_input', 'error.import.badExcel');
      }
    }
    return parseCsvBytes(bytes);
  }
  if (source.csvText !== undefined) return parseCsvText(source.csvText);
  throw refusal('invalid_input', 'error.import.noFile');
}

function rosterRefs(ctx: BackendContext): ExistingResponderRef[] {
  return ctx.db
    .select({
      id: responders.id,
      name: responders.name,
      homeTown: responders.homeTown,
      phones: responders.phones,
    })
    .from(responders)
    .all();
}

/** One responder by id, prepared once per database: a large import merges hundreds of rows. */
const responderByIdQueries = new WeakMap<
  BackendContext['db'],
  ReturnType<typeof prepareResponderById>
>();
const prepareResponderById = (db: BackendContext['db']) =>
  db
    .select()
    .from(responders)
    .where(eq(responders.id, sql.placeholder('id')))
    .prepare();
function responderById(ctx: BackendContext, id: string) {
  let query = responderByIdQueries.get(ctx.db);
  if (!query) {
    query = prepareResponderById(ctx.db);
    responderByIdQueries.set(ctx.db, query);
  }
  return query.get({ id });
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The last plan this backend computed, so a commit of the same file with the same mapping need
 * not plan it again. It is reused only while the op log is unchanged: every write, local or
 * received from another console, appends an op, so an unchanged log means an unchanged roster.
 * A plan sent by a renderer is never used; this is the backend's own.
 */
interface PlanMemo {
  source: string;
  mapping: string;
  opLogState: string;
  plan: RosterImportPlan;
}
const lastPlan = new WeakMap<BackendContext, PlanMemo>();
const opLogState = (ctx: BackendContext) =>
  JSON.stringify(
    ctx.db.$client.prepare('SELECT count(*) AS n, max(rowid) AS last FROM op_log').get(),
  );
const sourceText = (s: CsvSource) => s.csvBase64 ?? `text:${s.csvText ?? ''}`;

/**
 * The dry run: what an import of this file with this mapping would do. Writes nothing. On a large
 * file it reports progress (an `importProgress` event per chunk of rows) and yields between
 * chunks, so the console stays responsive while it plans.
 */
export async function planImport(
  ctx: BackendContext,
  input: CsvSource & { mapping?: ColumnMapping | undefined },
): Promise<RosterImportPlan> {
  const csv = await readRoster(input);
  const steps = planRosterImportSteps(
    csv,
    input.mapping ?? suggestMapping(csv.headers),
    rosterRefs(ctx),
  );
  const total = csv.rows.length;
  const state = opLogState(ctx);
  ctx.emit({ type: 'importProgress', progress: { phase: 'plan', done: 0, total } });
  for (;;) {
    const step = steps.next();
    if (step.done) {
      ctx.emit({ type: 'importProgress', progress: { phase: 'plan', done: total, total } });
      if (opLogState(ctx) === state)
        lastPlan.set(ctx, {
          source: sourceText(input),
          mapping: JSON.stringify(step.value.mapping),
          opLogState: state,
          plan: step.value,
        });
      return step.value;
    }
    ctx.emit({ type: 'importProgress', progress: { phase: 'plan', ...step.value } });
    await nextTick();
  }
}

export interface CommitResult {
  added: number;
  merged: number;
  skipped: number;
  review: number;
  problems: RowProblem[];
  warnings: { line: number; warnings: ImportNote[] }[];
  lines: { added: number[]; merged: number[]; skipped: number[] };
  merges: { line: number; activityId: string }[];
  summary: ImportNoteLike[];
}

/**
 * A column mapping the import cannot use: its first problem worded for people, with how many
 * more there are (the dialog lists them all before this point; this is the backend's own check).
 */
function mappingRefusal(first: ImportNote, problems: readonly ImportNote[]) {
  const params = { problemKind: noteKey(first.kind), ...first.params };
  if (problems.length === 1) return refusal('invalid_input', 'error.import.mapping', params);
  return refusal('invalid_input', 'error.import.mappingMore', {
    ...params,
    count: problems.length - 1,
  });
}

/**
 * Imports a file. The plan is recomputed here from the same bytes (a plan sent back by a renderer
 * is never trusted); duplicates follow the dispatcher's decision per line, else the proposed one
 * (a proposed "review" added, by decision or by default, is a separate person, flagged: a person
 * is never merged into someone else without a dispatcher deciding so). Every responder is one op
 * through the mutation path, and all of them run inside ONE outer SQLite transaction: if anything
 * throws, nothing of the import is stored.
 */
export async function commitImport(
  ctx: BackendContext,
  input: CsvSource & {
    mapping: ColumnMapping;
    decisions: Record<string, DuplicateAction>;
  },
): Promise<CommitResult> {
  const memo = lastPlan.get(ctx);
  lastPlan.delete(ctx);
  const reusable =
    memo &&
    memo.source === sourceText(input) &&
    memo.mapping === JSON.stringify(input.mapping) &&
    memo.opLogState === opLogState(ctx);
  const plan = reusable
    ? memo.plan
    : planRosterImport(await readRoster(input), input.mapping, rosterRefs(ctx));
  const [firstProblem] = plan.mappingNotes;
  if (firstProblem) {
    throw mappingRefusal(firstProblem, plan.mappingNotes);
  }
  const result: CommitResult = {
    added: 0,
    merged: 0,
    skipped: 0,
    review: 0,
    problems: plan.problems,
    warnings: [],
    lines: { added: [], merged: [], skipped: [] },
    merges: [],
    summary: [],
  };
  const nowIso = new Date(ctx.now()).toISOString();
  /** File line -> the responder that line became (created, or merged into). */
  const lineTarget = new Map<number, string>();

  const create = (line: number, fields: ResponderFields, warnings: ImportNote[]) => {
    const id = uuidv7(ctx.now());
    mutate(ctx, {
      activity: {
        kind: 'responder.imported',
        message: `Responder imported: ${fields.name} (${fields.homeTown})`,
        params: { name: fields.name, town: fields.homeTown, line, warnings: warnings.length },
        entity: 'responder',
        entityId: id,
        incidentId: null,
      },
      changes: [
        {
          entity: 'responder',
          id,
          create: true,
          fields: { ...fields, createdAt: nowIso, updatedAt: nowIso },
        },
      ],
    });
    lineTarget.set(line, id);
    result.added++;
    result.lines.added.push(line);
    if (warnings.length) {
      result.review++;
      result.warnings.push({ line, warnings });
    }
  };

  const mergeInto = (
    line: number,
    targetId: string,
    fields: ResponderFields,
    warnings: ImportNote[],
  ) => {
    const row = responderById(ctx, targetId);
    if (!row) throw refusal('conflict', 'error.import.matchGone', { line });
    const existing: Responder = responderFromRow(row);
    const patch = mergeResponderFields(existing, fields);
    const keys = Object.keys(patch) as (keyof ResponderFields)[];
    if (keys.length) {
      const before = Object.fromEntries(keys.map((k) => [k, existing[k]]));
      const { op } = mutate(ctx, {
        activity: {
          kind: 'responder.merged',
          message: `Responder ${existing.name} updated from import (line ${line}): ${keys.join(', ')}`,
          params: {
            name: existing.name,
            fields: keys.join(', '),
            line,
            // What undoImportMerge needs: the fields as they were, and the row as imported.
            before: JSON.stringify(before),
            incoming: JSON.stringify(fields),
          },
          entity: 'responder',
          entityId: targetId,
          incidentId: null,
        },
        changes: [
          {
            entity: 'responder',
            id: targetId,
            create: false,
            fields: { ...patch, updatedAt: nowIso },
          },
        ],
      });
      result.merges.push({ line, activityId: op.opId });
    }
    lineTarget.set(line, targetId);
    result.merged++;
    result.lines.merged.push(line);
    if (warnings.length) result.warnings.push({ line, warnings });
  };

  // Rows in file order, so a duplicate of an earlier row finds what that row became.
  const work = [
    ...plan.rowsToAdd.map((r) => ({ ...r, dup: null })),
    ...plan.duplicates.map((d) => ({
      line: d.line,
      fields: d.fields,
      warnings: d.warnings,
      dup: d,
    })),
  ].sort((a, b) => a.line - b.line);

  ctx.emit({ type: 'importProgress', progress: { phase: 'commit', done: 0, total: work.length } });
  ctx.db.$client
    .transaction(() => {
      // One search-index write for the whole import (rolled back with it if anything throws).
      const indexNewRows = deferSearchIndex(ctx.db.$client);
      for (const item of work) {
        if (!item.dup) {
          create(item.line, item.fields, item.warnings);
          continue;
        }
        const decided = input.decisions[String(item.line)];
        if (decided === 'skip') {
          result.skipped++;
          result.lines.skipped.push(item.line);
        } else if (decided === 'add' || (!decided && item.dup.proposedAction === 'review')) {
          // A proposed review added as a separate person stays on the needs-review list, whether
          // the dispatcher kept "add as new" or made no choice: the plan counts it so, too.
          const flagged = item.dup.proposedAction === 'review';
          const warnings = !flagged
            ? item.warnings
            : [
                ...item.warnings,
                note('possible_duplicate', {
                  name: item.dup.match.name,
                  town: item.dup.match.homeTown,
                }),
              ];
          const ownNotes = item.fields.notes;
          const fields = !flagged
            ? item.fields
            : { ...item.fields, notes: notesWithReview(ownNotes, warnings.slice(-1)) };
          create(item.line, fields, warnings);
        } else {
          const target =
            item.dup.match.kind === 'roster'
              ? item.dup.match.responderId
              : lineTarget.get(item.dup.match.line);
          // The earlier row it matched was skipped: this row is the first of that person.
          if (target) mergeInto(item.line, target, item.fields, item.warnings);
          else create(item.line, item.fields, item.warnings);
        }
      }
      indexNewRows();
    })
    .immediate();
  ctx.emit({
    type: 'importProgress',
    progress: { phase: 'commit', done: work.length, total: work.length },
  });

  result.summary = importSummary(result);
  return result;
}

/**
 * Undoes one merge: the responder's merged fields go back to what they were, and the imported
 * row becomes its own responder. Both are new ops (the log keeps the merge and its undoing); a
 * merge is undone at most once. Fields edited after the merge are set back too: undo names them.
 */
export function undoImportMerge(
  ctx: BackendContext,
  input: { activityId: string },
): { restoredId: string; addedId: string } {
  const entry = ctx.db
    .select()
    .from(activityLog)
    .where(and(eq(activityLog.id, input.activityId), eq(activityLog.kind, 'responder.merged')))
    .get();
  if (
    !entry ||
    typeof entry.params.before !== 'string' ||
    typeof entry.params.incoming !== 'string'
  )
    throw refusal('not_found', 'error.import.mergeGone');
  const undone = ctx.db
    .select({ params: activityLog.params })
    .from(activityLog)
    .where(eq(activityLog.kind, 'responder.merge_undone'))
    .all()
    .some((e) => e.params.mergeId === input.activityId);
  if (undone) throw refusal('refused', 'error.import.mergeAlreadyUndone');
  const row = ctx.db.select().from(responders).where(eq(responders.id, entry.entityId)).get();
  if (!row) throw refusal('conflict', 'error.import.mergedGone');
  const before = ResponderFieldsSchema.partial().parse(JSON.parse(entry.params.before));
  const incoming = ResponderFieldsSchema.parse(JSON.parse(entry.params.incoming));
  const nowIso = new Date(ctx.now()).toISOString();
  const addedId = uuidv7(ctx.now());
  const name = responderFromRow(row).name;
  ctx.db.$client
    .transaction(() => {
      mutate(ctx, {
        activity: {
          kind: 'responder.merge_undone',
          message: `Merge undone: ${name} back as before; ${incoming.name} added as a separate person`,
          params: { name, other: incoming.name, mergeId: input.activityId, addedId },
          entity: 'responder',
          entityId: entry.entityId,
          incidentId: null,
        },
        changes: [
          {
            entity: 'responder',
            id: entry.entityId,
            create: false,
            fields: { ...before, updatedAt: nowIso },
          },
          {
            entity: 'responder',
            id: addedId,
            create: true,
            fields: { ...incoming, createdAt: nowIso, updatedAt: nowIso },
          },
        ],
      });
    })
    .immediate();
  return { restoredId: entry.entityId, addedId };
}

/** The whole roster (inactive people too, marked) as CSV in the importer's columns. */
export function exportRosterCsv(ctx: BackendContext): { csv: string; fileName: string } {
  const all = ctx.db
    .select()
    .from(responders)
    .orderBy(asc(responders.name))
    .all()
    .map(responderFromRow);
  const day = new Date(ctx.now()).toISOString().slice(0, 10);
  return { csv: rosterToCsv(all), fileName: `roster-${day}.csv` };
}
