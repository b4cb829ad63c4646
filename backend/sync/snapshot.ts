import type Database from 'better-sqlite3';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { ENTITY_TABLES } from '../entity-tables';
import { CALLER_CONTACT_FIELDS } from '../op-log-redaction';
import type { EntityName } from '../../shared/api/events';
import {
  addClockName,
  mergedClockName,
  mergeSetStates,
  removeClockName,
  SET_FIELDS,
} from '../../shared/sync/merge-semantics';
import {
  open,
  paddedLength,
  seal,
  SyncCryptoError,
  type NetworkKeys,
} from '../../shared/sync/crypto';

/**
 * A network snapshot: every synced state row (the tables of ENTITY_TABLES) and every field clock
 * of a console that has applied the relay log up to `coversSeq` and holds nothing else (no
 * unsent op, nothing parked). A console that starts from it merges it into what it has by field
 * clock, exactly as if it had applied the ops (last writer wins per field; a row it lacks is
 * inserted), so its own unsent ops survive and are pushed afterwards.
 *
 * Sealed as kind `snapshot` under one random id, split into parts of at most PART_BYTES; each
 * part's plaintext starts with "part/parts\n" so a relay cannot reorder or drop parts unnoticed,
 * and the whole is padded to a size bucket.
 */
export interface SnapshotPayload {
  v: 1;
  tables: Record<string, Record<string, unknown>[]>;
  clocks: { entity: string; entity_id: string; field: string; hlc: string }[];
}

/** Plaintext per part: sealed and base64'd it stays under the relay's 2,000,000-character cap. */
export const PART_BYTES = 1_400_000;

const ENTITIES = Object.keys(ENTITY_TABLES) as EntityName[];

/**
 * Caller contact never leaves the console it was typed on (../op-log-redaction.ts): a snapshot
 * carries those columns blank, and merging one never touches them.
 */
const CALLER_COLUMNS: ReadonlySet<string> = new Set(
  CALLER_CONTACT_FIELDS.map(
    (f) => (getTableColumns(ENTITY_TABLES.incident) as Record<string, SQLiteColumn>)[f]!.name,
  ),
);
const isCallerColumn = (entity: EntityName, column: string) =>
  entity === 'incident' && CALLER_COLUMNS.has(column);

export function buildSnapshot(sqlite: Database.Database): SnapshotPayload {
  const tables: SnapshotPayload['tables'] = {};
  for (const entity of ENTITIES) {
    const name = getTableName(ENTITY_TABLES[entity]);
    const rows = sqlite.prepare(`SELECT * FROM "${name}" ORDER BY id`).all() as Record<
      string,
      unknown
    >[];
    if (entity === 'incident')
      for (const row of rows) for (const column of CALLER_COLUMNS) row[column] = '';
    tables[entity] = rows;
  }
  const clocks = sqlite
    .prepare('SELECT entity, entity_id, field, hlc FROM field_clocks ORDER BY entity, entity_id')
    .all() as SnapshotPayload['clocks'];
  return { v: 1, tables, clocks };
}

export function sealSnapshot(keys: NetworkKeys, id: string, payload: SnapshotPayload): string[] {
  const text = Buffer.from(JSON.stringify(payload));
  const padded = Buffer.alloc(paddedLength(text.length), 0x20);
  text.copy(padded);
  const parts = Math.max(1, Math.ceil(padded.length / PART_BYTES));
  return Array.from({ length: parts }, (_, part) => {
    const body = padded.subarray(part * PART_BYTES, (part + 1) * PART_BYTES);
    return seal(keys, 'snapshot', id, Buffer.concat([Buffer.from(`${part}/${parts}\n`), body]));
  });
}

export function openSnapshot(keys: NetworkKeys, blobs: readonly string[]): SnapshotPayload {
  const bodies = blobs.map((blob, part) => {
    const plain = Buffer.from(open(keys, 'snapshot', blob).plaintext);
    const newline = plain.indexOf(0x0a);
    if (plain.subarray(0, newline).toString() !== `${part}/${blobs.length}`)
      throw new SyncCryptoError('malformed', 'A snapshot part is out of order or missing');
    return plain.subarray(newline + 1);
  });
  const payload = JSON.parse(Buffer.concat(bodies).toString()) as SnapshotPayload;
  if (payload?.v !== 1 || typeof payload.tables !== 'object' || !Array.isArray(payload.clocks))
    throw new SyncCryptoError('malformed', 'A snapshot is not valid for this version');
  return payload;
}

/**
 * Merges a snapshot into this console's state by field clock; call inside a transaction. Returns
 * the highest clock it holds (the caller moves the console's clock past it).
 */
export function mergeSnapshot(sqlite: Database.Database, payload: SnapshotPayload): string {
  const clockOf = new Map<string, string>();
  let maxHlc = '';
  for (const c of payload.clocks) {
    clockOf.set(`${c.entity}\u0000${c.entity_id}\u0000${c.field}`, c.hlc);
    if (c.hlc > maxHlc) maxHlc = c.hlc;
  }
  const localClock = sqlite.prepare(
    'SELECT hlc FROM field_clocks WHERE entity = ? AND entity_id = ? AND field = ?',
  );
  const putClock = sqlite.prepare(
    `INSERT INTO field_clocks (entity, entity_id, field, hlc) VALUES (?, ?, ?, ?)
       ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc
       WHERE excluded.hlc > field_clocks.hlc`,
  );
  const statements = new Map<string, Database.Statement>();
  const statement = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) statements.set(sql, (stmt = sqlite.prepare(sql)));
    return stmt;
  };
  const theirClocksOf = new Map<string, [string, string][]>();
  for (const c of payload.clocks) {
    const key = `${c.entity}\u0000${c.entity_id}`;
    const list = theirClocksOf.get(key);
    if (list) list.push([c.field, c.hlc]);
    else theirClocksOf.set(key, [[c.field, c.hlc]]);
  }
  const rowClocks = sqlite.prepare(
    'SELECT field, hlc FROM field_clocks WHERE entity = ? AND entity_id = ?',
  );
  const forgetFieldClocks = sqlite.prepare(
    `DELETE FROM field_clocks WHERE entity = ? AND entity_id = ?
       AND (field = ? OR field LIKE ? OR field LIKE ? OR field = ?)`,
  );
  const setClock = sqlite.prepare(
    'INSERT OR REPLACE INTO field_clocks (entity, entity_id, field, hlc) VALUES (?, ?, ?, ?)',
  );
  const setMerged = new Set<string>();
  for (const entity of ENTITIES) {
    const table = ENTITY_TABLES[entity];
    const name = getTableName(table);
    const columnOf = new Map(
      Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>).map(([f, c]) => [
        f,
        c.name,
      ]),
    );
    const fieldOfColumn = new Map(
      Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>).map(([f, c]) => [
        c.name,
        f,
      ]),
    );
    const exists = sqlite.prepare(`SELECT 1 FROM "${name}" WHERE id = ?`).pluck();
    for (const row of payload.tables[entity] ?? []) {
      const id = String(row.id);
      const columns = Object.keys(row).filter((c) => fieldOfColumn.has(c));
      if (!exists.get(id)) {
        statement(
          `INSERT INTO "${name}" (${columns.map((c) => `"${c}"`).join(', ')})
             VALUES (${columns.map(() => '?').join(', ')})`,
        ).run(...columns.map((c) => (isCallerColumn(entity, c) ? '' : row[c])));
        continue;
      }
      const clock = (field: string, read: (f: string) => string | undefined) =>
        read(field) ?? read('*');
      const theirs = (f: string) => clockOf.get(`${entity}\u0000${id}\u0000${f}`);
      const ours = (f: string) =>
        (localClock.get(entity, id, f) as { hlc: string } | undefined)?.hlc;
      const setFields = SET_FIELDS[entity];
      const winning = columns.filter((c) => {
        const field = fieldOfColumn.get(c)!;
        if (field === 'id' || isCallerColumn(entity, c)) return false;
        if (setFields && Object.hasOwn(setFields, field)) return false; // merged below
        const their = clock(field, theirs);
        const our = clock(field, ours);
        return their !== undefined && (our === undefined || their > our);
      });
      const values = new Map(winning.map((c) => [c, row[c]]));
      if (setFields) {
        // Sets merge element by element, as ops do (shared/sync/merge-semantics mergeSetStates).
        const rowKey = `${entity}\u0000${id}`;
        const stateOf = (clocks: Iterable<[string, string]>, column: string, source: unknown) => ({
          set: JSON.parse(String(source ?? '[]')) as unknown[],
          clocks: new Map(clocks),
        });
        const ourClocks = rowClocks.all(entity, id) as { field: string; hlc: string }[];
        const ourRow = sqlite.prepare(`SELECT * FROM "${name}" WHERE id = ?`).get(id) as Record<
          string,
          unknown
        >;
        for (const [field, keyOf] of Object.entries(setFields)) {
          const column = columnOf.get(field);
          if (!column || !(column in row)) continue;
          const result = mergeSetStates(
            field,
            keyOf,
            stateOf(
              ourClocks.map((c) => [c.field, c.hlc]),
              column,
              ourRow[column],
            ),
            stateOf(theirClocksOf.get(rowKey) ?? [], column, row[column]),
          );
          const next = JSON.stringify(result.value);
          if (next !== ourRow[column]) values.set(column, next);
          forgetFieldClocks.run(
            entity,
            id,
            field,
            `${addClockName(field, '')}%`,
            `${removeClockName(field, '')}%`,
            mergedClockName(field),
          );
          for (const [clockName, hlc] of result.clocks) setClock.run(entity, id, clockName, hlc);
        }
        setMerged.add(rowKey);
      }
      if (values.size === 0) continue;
      statement(
        `UPDATE "${name}" SET ${[...values.keys()].map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`,
      ).run(...values.values(), id);
    }
  }
  for (const c of payload.clocks) {
    // A set field's clocks of a row merged above were written with it.
    if (setMerged.has(`${c.entity}\u0000${c.entity_id}`) && isSetClock(c.entity, c.field)) continue;
    putClock.run(c.entity, c.entity_id, c.field, c.hlc);
  }
  return maxHlc;
}

/** Whether a field clock's name belongs to one of the entity's set fields (its own or an element's). */
function isSetClock(entity: string, clockName: string): boolean {
  const setFields = SET_FIELDS[entity as EntityName];
  if (!setFields) return false;
  return Object.keys(setFields).some(
    (field) =>
      clockName === field ||
      clockName === mergedClockName(field) ||
      clockName.startsWith(addClockName(field, '')) ||
      clockName.startsWith(removeClockName(field, '')),
  );
}

/** Whether this console holds no synced state at all (a fresh console, before its first op). */
export function holdsNoState(sqlite: Database.Database): boolean {
  for (const entity of ENTITIES)
    if (sqlite.prepare(`SELECT 1 FROM "${getTableName(ENTITY_TABLES[entity])}" LIMIT 1`).get())
      return false;
  return !sqlite.prepare('SELECT 1 FROM field_clocks LIMIT 1').get();
}

/**
 * A snapshot loaded into a console that holds no state: plain inserts, no clock comparisons, cut
 * into steps of about `rowsPerStep` rows. The caller runs each step in a transaction of its own
 * and lets the event loop breathe between them (an 85 MB snapshot in one transaction would stall
 * the connection's heartbeat). A row's clocks go in the same step as the row; clocks of no row in
 * the snapshot go with the last step. A console stopped halfway holds part of the snapshot at
 * position 0, and its next start merges the snapshot (or the log) into it by clock, as any merge.
 */
export function bulkLoadSteps(
  sqlite: Database.Database,
  payload: SnapshotPayload,
  rowsPerStep = 5_000,
): { steps: (() => void)[]; maxHlc: string } {
  let maxHlc = '';
  const clocksOf = new Map<string, SnapshotPayload['clocks']>();
  for (const c of payload.clocks) {
    if (c.hlc > maxHlc) maxHlc = c.hlc;
    const key = `${c.entity}\u0000${c.entity_id}`;
    const list = clocksOf.get(key);
    if (list) list.push(c);
    else clocksOf.set(key, [c]);
  }
  const putClock = sqlite.prepare(
    `INSERT INTO field_clocks (entity, entity_id, field, hlc) VALUES (?, ?, ?, ?)
       ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc
       WHERE excluded.hlc > field_clocks.hlc`,
  );
  const putClocks = (clocks: SnapshotPayload['clocks'] | undefined) => {
    for (const c of clocks ?? []) putClock.run(c.entity, c.entity_id, c.field, c.hlc);
  };
  const steps: (() => void)[] = [];
  for (const entity of ENTITIES) {
    const table = ENTITY_TABLES[entity];
    const known = new Set(
      Object.values(getTableColumns(table) as Record<string, SQLiteColumn>).map((c) => c.name),
    );
    const rows = payload.tables[entity] ?? [];
    const byShape = new Map<string, Database.Statement>();
    const insert = (row: Record<string, unknown>) => {
      const columns = Object.keys(row).filter((c) => known.has(c));
      const shape = columns.join(',');
      let stmt = byShape.get(shape);
      if (!stmt) {
        stmt = sqlite.prepare(
          `INSERT INTO "${getTableName(table)}" (${columns.map((c) => `"${c}"`).join(', ')})
             VALUES (${columns.map(() => '?').join(', ')})`,
        );
        byShape.set(shape, stmt);
      }
      stmt.run(...columns.map((c) => (isCallerColumn(entity, c) ? '' : row[c])));
      const key = `${entity}\u0000${String(row.id)}`;
      putClocks(clocksOf.get(key));
      clocksOf.delete(key);
    };
    for (let start = 0; start < rows.length; start += rowsPerStep) {
      const slice = rows.slice(start, start + rowsPerStep);
      steps.push(() => {
        for (const row of slice) insert(row);
      });
    }
  }
  steps.push(() => {
    for (const clocks of clocksOf.values()) putClocks(clocks);
  });
  return { steps, maxHlc };
}
