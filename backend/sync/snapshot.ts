import type Database from 'better-sqlite3';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { ENTITY_TABLES } from '../entity-tables';
import { CALLER_CONTACT_FIELDS } from '../op-log-redaction';
import type { EntityName } from '../../shared/api/events';
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
  for (const entity of ENTITIES) {
    const table = ENTITY_TABLES[entity];
    const name = getTableName(table);
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
      const winning = columns.filter((c) => {
        const field = fieldOfColumn.get(c)!;
        if (field === 'id' || isCallerColumn(entity, c)) return false;
        const their = clock(field, theirs);
        const our = clock(field, ours);
        return their !== undefined && (our === undefined || their > our);
      });
      if (winning.length === 0) continue;
      statement(
        `UPDATE "${name}" SET ${winning.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`,
      ).run(...winning.map((c) => row[c]), id);
    }
  }
  for (const c of payload.clocks) putClock.run(c.entity, c.entity_id, c.field, c.hlc);
  return maxHlc;
}
