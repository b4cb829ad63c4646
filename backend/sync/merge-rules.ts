import type Database from 'better-sqlite3';
import { prepared } from '../prepared';
import type { OpChange } from '../../shared/sync/op';
import {
  addClockName,
  mergedClockName,
  mergeSet,
  removeClockName,
  SET_FIELDS,
  setDelta,
} from '../../shared/sync/merge-semantics';

/** A create's HLC is stored once per row under this pseudo-field (backend/mutation.ts). */
const ROW_CLOCK = '*';

/**
 * The set-field rules of shared/sync/merge-semantics, against the database. `withSetDeltas`
 * runs when this console makes an op: for every set field an update writes, it records what the
 * author added and removed relative to what they saw. `mergeSetFields` runs when any op with
 * such deltas is applied (here or received) and merges them element by element.
 */
export function withSetDeltas(sqlite: Database.Database, changes: readonly OpChange[]): OpChange[] {
  return changes.map((change) => {
    const setFields = SET_FIELDS[change.entity];
    if (!setFields || change.create || change.sets) return change;
    const names = Object.keys(change.fields).filter((f) => f in setFields);
    if (names.length === 0) return change;
    const row = prepared(
      sqlite,
      `SELECT ${Object.keys(setFields).join(', ')} FROM responders WHERE id = ?`,
    ).get(change.id) as Record<string, string> | undefined;
    if (!row) return change;
    const clocks = rowClocks(sqlite, change.entity, change.id);
    const sets: NonNullable<OpChange['sets']> = {};
    for (const field of names) {
      const before = JSON.parse(row[field] ?? '[]') as unknown[];
      const after = change.fields[field];
      if (!Array.isArray(after)) continue;
      const implicit = clocks.get(field) ?? clocks.get(ROW_CLOCK) ?? '';
      sets[field] = setDelta(
        before,
        after,
        setFields[field]!,
        (key) => clocks.get(addClockName(field, key)) ?? implicit,
      );
    }
    return { ...change, sets };
  });
}

/**
 * Applies a change's set deltas; returns the fields whose stored set changed. The field's
 * merged clock advances to the op's, so an older whole-set write (from a console that sends no
 * deltas) can no longer replace a merged set.
 */
export function mergeSetFields(
  sqlite: Database.Database,
  change: OpChange,
  hlc: string,
  clocks: ReadonlyMap<string, string>,
  rowClock: string,
  putClock: (field: string, hlc: string) => void,
): Record<string, unknown> {
  const setFields = SET_FIELDS[change.entity];
  const merged: Record<string, unknown> = {};
  if (!setFields || !change.sets) return merged;
  const row = prepared(
    sqlite,
    `SELECT ${Object.keys(setFields).join(', ')} FROM responders WHERE id = ?`,
  ).get(change.id) as Record<string, string> | undefined;
  if (!row) return merged;
  for (const [field, delta] of Object.entries(change.sets)) {
    const keyOf = setFields[field];
    if (!keyOf) continue;
    const stored = JSON.parse(row[field] ?? '[]') as unknown[];
    const fieldClock = clocks.get(field);
    const result = mergeSet({
      field,
      stored,
      keyOf,
      clocks,
      implicit: fieldClock ?? rowClock,
      delta,
      hlc,
    });
    for (const [name, clock] of result.clockWrites) putClock(name, clock);
    const mergedClock = clocks.get(mergedClockName(field));
    if (!mergedClock || hlc > mergedClock) putClock(mergedClockName(field), hlc);
    if (JSON.stringify(result.value) !== JSON.stringify(stored)) merged[field] = result.value;
  }
  return merged;
}

/** A whole-set write won: its elements now share the field's clock, element clocks go. */
export function forgetElementClocks(
  sqlite: Database.Database,
  entity: string,
  id: string,
  field: string,
): void {
  prepared(
    sqlite,
    `DELETE FROM field_clocks WHERE entity = ? AND entity_id = ?
       AND (substr(field, 1, ?) = ? OR substr(field, 1, ?) = ?)`,
  ).run(
    entity,
    id,
    field.length + 1,
    addClockName(field, ''),
    field.length + 1,
    removeClockName(field, ''),
  );
}

function rowClocks(sqlite: Database.Database, entity: string, id: string) {
  return new Map(
    (
      prepared(
        sqlite,
        'SELECT field, hlc FROM field_clocks WHERE entity = ? AND entity_id = ?',
      ).all(entity, id) as { field: string; hlc: string }[]
    ).map((c) => [c.field, c.hlc]),
  );
}
