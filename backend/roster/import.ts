import { asc, eq } from 'drizzle-orm';
import type { BackendContext } from '../context';
import { responders } from '../../db/schema';
import { responderFromRow } from '../rows';
import { mutate } from '../mutation';
import { uuidv7 } from '../../shared/ids';
import { ApiFailure } from '../../shared/api/result';
import type { Responder, ResponderFields } from '../../shared/api/schemas';
import {
  base64ToBytes,
  parseCsvBytes,
  parseCsvText,
  type ParsedCsv,
} from '../../shared/roster/csv';
import { suggestMapping, type ColumnMapping } from '../../shared/roster/columns';
import {
  planRosterImport,
  type DuplicateAction,
  type ExistingResponderRef,
  type RosterImportPlan,
  type RowProblem,
} from '../../shared/roster/import-plan';
import { mergeResponderFields, rosterToCsv } from '../../shared/roster/export';

export interface CsvSource {
  csvText?: string | undefined;
  csvBase64?: string | undefined;
}

function readCsv(source: CsvSource): ParsedCsv {
  if (source.csvBase64 !== undefined) {
    let bytes: Uint8Array;
    try {
      bytes = base64ToBytes(source.csvBase64);
    } catch {
      throw new ApiFailure('invalid_input', 'The file could not be read (bad base64 data)');
    }
    return parseCsvBytes(bytes);
  }
  if (source.csvText !== undefined) return parseCsvText(source.csvText);
  throw new ApiFailure('invalid_input', 'Give the file as csvText or csvBase64');
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

/** The dry run: what an import of this file with this mapping would do. Writes nothing. */
export function planImport(
  ctx: BackendContext,
  input: CsvSource & { mapping?: ColumnMapping | undefined },
): RosterImportPlan {
  const csv = readCsv(input);
  return planRosterImport(csv, input.mapping ?? suggestMapping(csv.headers), rosterRefs(ctx));
}

export interface CommitResult {
  added: number;
  merged: number;
  skipped: number;
  problems: RowProblem[];
  lines: { added: number[]; merged: number[]; skipped: number[] };
}

/**
 * Imports the good rows of a file. The plan is recomputed here from the same bytes (a plan sent
 * back by a renderer is never trusted); duplicates follow the dispatcher's decision per line, else
 * the proposed one. Every responder is one op through the mutation path, and all of them run
 * inside ONE outer SQLite transaction: if anything throws, nothing of the import is stored.
 */
export function commitImport(
  ctx: BackendContext,
  input: CsvSource & {
    mapping: ColumnMapping;
    decisions: Record<string, DuplicateAction>;
  },
): CommitResult {
  const csv = readCsv(input);
  const plan = planRosterImport(csv, input.mapping, rosterRefs(ctx));
  if (plan.mappingProblems.length) {
    throw new ApiFailure('invalid_input', plan.mappingProblems.join('; '));
  }
  const result: CommitResult = {
    added: 0,
    merged: 0,
    skipped: 0,
    problems: plan.problems,
    lines: { added: [], merged: [], skipped: [] },
  };
  const nowIso = new Date(ctx.now()).toISOString();
  /** File line -> the responder that line became (created, or merged into). */
  const lineTarget = new Map<number, string>();

  const create = (line: number, fields: ResponderFields) => {
    const id = uuidv7(ctx.now());
    mutate(ctx, {
      activity: {
        kind: 'responder.imported',
        message: `Responder imported: ${fields.name} (${fields.homeTown})`,
        params: { name: fields.name, town: fields.homeTown, line },
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
  };

  const mergeInto = (line: number, targetId: string, fields: ResponderFields) => {
    const row = ctx.db.select().from(responders).where(eq(responders.id, targetId)).get();
    if (!row) throw new ApiFailure('conflict', `Line ${line}: the matching responder is gone`);
    const existing: Responder = responderFromRow(row);
    const patch = mergeResponderFields(existing, fields);
    const keys = Object.keys(patch);
    if (keys.length) {
      mutate(ctx, {
        activity: {
          kind: 'responder.merged',
          message: `Responder ${existing.name} updated from import (line ${line}): ${keys.join(', ')}`,
          params: { name: existing.name, fields: keys.join(', '), line },
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
    }
    lineTarget.set(line, targetId);
    result.merged++;
    result.lines.merged.push(line);
  };

  // Rows in file order, so a duplicate of an earlier row finds what that row became.
  const work = [
    ...plan.rowsToAdd.map((r) => ({ ...r, dup: null })),
    ...plan.duplicates.map((d) => ({ line: d.line, fields: d.fields, dup: d })),
  ].sort((a, b) => a.line - b.line);

  ctx.db.$client
    .transaction(() => {
      for (const item of work) {
        if (!item.dup) {
          create(item.line, item.fields);
          continue;
        }
        const action = input.decisions[String(item.line)] ?? item.dup.proposedAction;
        if (action === 'skip') {
          result.skipped++;
          result.lines.skipped.push(item.line);
        } else if (action === 'add') {
          create(item.line, item.fields);
        } else {
          const target =
            item.dup.match.kind === 'roster'
              ? item.dup.match.responderId
              : lineTarget.get(item.dup.match.line);
          // The earlier row it matched was skipped: this row is the first of that person.
          if (target) mergeInto(item.line, target, item.fields);
          else create(item.line, item.fields);
        }
      }
    })
    .immediate();

  return result;
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
