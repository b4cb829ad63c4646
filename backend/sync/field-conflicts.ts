import type Database from 'better-sqlite3';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { prepared } from '../prepared';
import { ENTITY_TABLES } from '../entity-tables';
import type { Op, OpChange } from '../../shared/sync/op';
import { FREE_TEXT_FIELDS, statusMergeNeedsPerson } from '../../shared/sync/merge-semantics';
import type { IncidentStatus } from '../../shared/domain/vocabulary';
import {
  authorOf,
  authorOfRow,
  concurrent,
  conflictId,
  fieldClock,
  opByHlc,
  type ConflictVersion,
  type DetectedConflict,
} from './conflict-ops';

/**
 * Conflicts between two edits of the same field made without either author seeing the other's:
 * free text (both versions kept in the conflict, so no word is lost when last-writer-wins picks
 * one) and an incident's status (when the winning status is not a step allowed from the other).
 * Call before the op is applied: it reads the stored value the op is about to meet.
 */
export function concurrentFieldConflicts(
  sqlite: Database.Database,
  op: Op,
  knownSeq: number,
  change: OpChange,
): DetectedConflict[] {
  const found: DetectedConflict[] = [];
  const textFields = FREE_TEXT_FIELDS[change.entity] ?? [];
  const watched = [...textFields, ...(change.entity === 'incident' ? ['status'] : [])];
  for (const field of watched) {
    const incoming = change.fields[field];
    if (typeof incoming !== 'string') continue;
    const stored = storedValue(sqlite, change.entity, change.id, field);
    if (typeof stored !== 'string' || stored === incoming) continue;
    const other = opByHlc(sqlite, fieldClock(sqlite, change.entity, change.id, field));
    if (!other || !concurrent(other, op, knownSeq)) continue;
    const mine: ConflictVersion = { ...authorOf(op), value: incoming, field };
    const theirs: ConflictVersion = { ...authorOfRow(other), value: stored, field };
    const [winner, loser] = [mine, theirs].sort((a, b) => (a.hlc > b.hlc ? -1 : 1));
    winner!.kept = true;
    loser!.kept = false;
    if (field === 'status') {
      const from = loser!.value as IncidentStatus;
      if (!statusMergeNeedsPerson(from, winner!.value as IncidentStatus)) continue;
    }
    const kind = field === 'status' ? 'status_transition' : 'concurrent_text';
    if (change.entity !== 'incident') {
      mine.entity = change.entity;
      theirs.entity = change.entity;
    }
    found.push({
      id: conflictId(kind, change.entity, change.id, field, ...[mine.opId, theirs.opId].sort()),
      kind,
      incidentId: incidentOf(change),
      otherIncidentId: null,
      responderId: change.entity === 'responder' ? change.id : null,
      versions: [winner!, loser!],
    });
  }
  return found;
}

/** Conflicts are listed by incident; a responder's notes conflict is kept under the responder. */
function incidentOf(change: OpChange): string {
  return change.id;
}

function storedValue(
  sqlite: Database.Database,
  entity: OpChange['entity'],
  id: string,
  field: string,
): unknown {
  const table = ENTITY_TABLES[entity];
  const column = (getTableColumns(table) as Record<string, SQLiteColumn>)[field];
  if (!column) return undefined;
  return prepared(sqlite, `SELECT "${column.name}" FROM "${getTableName(table)}" WHERE id = ?`)
    .pluck()
    .get(id);
}
