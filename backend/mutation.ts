import { getTableColumns, getTableName } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ConsoleDb } from '../db/open';
import { ENTITY_TABLES, WRITABLE_FIELDS } from './entity-tables';
import type { EntityName } from '../shared/api/events';
import { OP_FORMAT_VERSION, type Op, type OpActivity, type OpChange } from '../shared/sync/op';
import { uuidv7 } from '../shared/ids';
import type { HybridLogicalClock } from '../shared/clock/hlc';
import { ApiFailure } from '../shared/api/result';
import { redactReporterFromOpLog, withoutCallerContact } from './op-log-redaction';
import { touchedBy, type ChangeFeed, type EntityRef } from './change-feed';
import { mergedClockName, SET_FIELDS, statusDerivedFields } from '../shared/sync/merge-semantics';
import { forgetElementClocks, mergeSetFields, withSetDeltas } from './sync/merge-rules';
import { conflictId } from './sync/conflict-ops';

/** A create's HLC is stored once per row under this pseudo-field, instead of once per field. */
const ROW_CLOCK = '*';

export interface MutationContext {
  db: ConsoleDb;
  clock: HybridLogicalClock;
  deviceId: string;
  actor: () => string;
  now: () => number;
  /** Where every write reports what it touched (backend/change-feed.ts). */
  changes: ChangeFeed;
}

/** A stored op and the entities it touched (announced by the change feed). */
export interface Mutation {
  op: Op;
  touched: EntityRef[];
}

export interface ChangeRequest {
  activity: Omit<OpActivity, 'message'> & { message: string };
  changes: OpChange[];
  /**
   * An op id every console derives alike (a responder's answer, backend/links), so the same
   * event applied on two consoles is one op: the second copy is skipped as a duplicate.
   */
  opId?: string;
  /** Who the timeline names when it is not this console's dispatcher ("… via responder link"). */
  actor?: string;
}

/**
 * THE mutation path. Every write a dispatcher makes goes through here: in one transaction it
 * stamps an op with the next HLC, applies it to the state tables, advances the field clocks,
 * appends the activity entry and appends the op to the op log (the sync queue). If anything
 * throws, the transaction rolls back and nothing at all is stored. What the op touched goes to the
 * change feed, the only source of change events.
 */
export function mutate(ctx: MutationContext, request: ChangeRequest): Mutation {
  const write = () => {
    const op: Op = {
      v: OP_FORMAT_VERSION,
      opId: request.opId ?? uuidv7(ctx.now()),
      hlc: ctx.clock.tick(),
      deviceId: ctx.deviceId,
      actor: request.actor ?? ctx.actor(),
      at: new Date(ctx.now()).toISOString(),
      activity: request.activity,
      changes: withSetDeltas(ctx.db.$client, request.changes),
    };
    applyOpInTransaction(ctx.db, op, 'local', ctx.now());
    return { op, touched: touchedBy(ctx.db.$client, op) };
  };
  // Inside a caller's transaction (a bulk import of thousands of ops) no savepoint is opened:
  // a throw here aborts the caller's whole transaction, which is exactly the all-or-nothing the
  // caller asked for, and a savepoint per op would cost more than the op itself.
  const sqlite = ctx.db.$client;
  const mutation = sqlite.inTransaction ? write() : sqlite.transaction(write).immediate();
  ctx.changes.record(mutation.touched, 'local');
  return mutation;
}

export type ApplyOutcome = 'applied' | 'duplicate';

/**
 * Applies one op (local or received) inside the caller's transaction. Idempotent: an op already
 * in the log is skipped. Each field takes the op's value only if the op's HLC is newer than the
 * one that last set that field, so ops may arrive in any order and consoles still converge.
 */
export function applyOpInTransaction(
  db: ConsoleDb,
  op: Op,
  origin: 'local' | 'remote',
  nowMs: number,
  received: {
    /** The relay sequence it came with; stored with the row, not updated after. */
    relaySeq: number;
    /** The caller has just looked the op id up in this transaction (sync does, to route duplicates). */
    knownNew: boolean;
  } | null = null,
): ApplyOutcome {
  const sqlite = db.$client;
  const st = statementsFor(sqlite);
  if (!received?.knownNew && st.opKnown.get(op.opId)) return 'duplicate';

  for (const change of op.changes) {
    const writable = WRITABLE_FIELDS[change.entity];
    for (const field of Object.keys(change.fields)) {
      if (!writable.has(field)) {
        throw new ApiFailure('invalid_input', `Field "${field}" cannot be set on ${change.entity}`);
      }
    }
    const table = tableStatements(sqlite, change.entity);
    if (change.create && !table.exists.get(change.id)) {
      table.insert(change.id, change.fields);
      st.putClock.run(change.entity, change.id, ROW_CLOCK, op.hlc);
      continue;
    }
    // Otherwise per-field last-writer-wins. A create for a row that exists already (a replay, or
    // two consoles minting the same id) also lands here, so arrival order never matters.
    const clocks = new Map(
      (st.rowClocks.all(change.entity, change.id) as { field: string; hlc: string }[]).map((c) => [
        c.field,
        c.hlc,
      ]),
    );
    // An activity entry's row clock is its own hlc column (written once, with the entry).
    const rowClock =
      clocks.get(ROW_CLOCK) ??
      (change.entity === 'activity'
        ? (st.activityHlc.get(change.id) as string | undefined)
        : undefined);
    if (rowClock === undefined && !change.create) {
      throw new ApiFailure('not_found', `No ${change.entity} with id ${change.id}`);
    }
    const winning: Record<string, unknown> = {};
    const fields =
      change.entity === 'incident' ? statusDerivedFields(change.fields) : change.fields;
    const setFields = SET_FIELDS[change.entity];
    for (const [field, value] of Object.entries(fields)) {
      if (change.sets?.[field]) continue;
      // A whole-set write (a console that sends no deltas) must also be newer than every delta.
      const isSet = setFields !== undefined && field in setFields;
      const merged = isSet ? clocks.get(mergedClockName(field)) : undefined;
      const own = clocks.get(field) ?? rowClock;
      const current = merged !== undefined && (own === undefined || merged > own) ? merged : own;
      if (current === undefined || op.hlc > current) {
        winning[field] = value;
        st.putClock.run(change.entity, change.id, field, op.hlc);
        if (isSet) forgetElementClocks(sqlite, change.entity, change.id, field);
      }
    }
    if (change.sets && rowClock !== undefined) {
      Object.assign(
        winning,
        mergeSetFields(sqlite, change, op.hlc, clocks, rowClock, (field, hlc) =>
          st.putClock.run(change.entity, change.id, field, hlc),
        ),
      );
    }
    if (Object.keys(winning).length > 0) table.update(change.id, winning);
    if (change.entity === 'incident' && typeof winning.reporterPurgedAt === 'string') {
      redactReporterFromOpLog(sqlite, change.id);
    }
  }

  if (op.activity) {
    const a = op.activity;
    st.insertActivity.run(
      op.opId,
      op.at,
      op.actor,
      op.deviceId,
      a.kind,
      a.message,
      JSON.stringify(a.params),
      a.entity,
      a.entityId,
      a.incidentId,
      op.hlc,
    );
    // No field_clocks row: activity_log.hlc is the entry's row clock (one write less per op).
  }
  const settingKeys = op.changes
    .filter((c) => c.entity === 'setting' && c.id !== 'session')
    .map((c) => c.id);
  if (settingKeys.length > 0 && op.activity?.kind !== 'settings.updated') {
    // A network setting is never changed silently: an op that does not say so in its own
    // entry gets one (derived id, the same on every console).
    st.insertActivity.run(
      conflictId('settings.updated', op.opId),
      op.at,
      op.actor,
      op.deviceId,
      'settings.updated',
      `Settings changed: ${settingKeys.join(', ')}`,
      JSON.stringify({ keys: settingKeys.join(', ') }),
      'setting',
      settingKeys[0],
      null,
      op.hlc,
    );
  }

  st.insertOp.run(
    op.opId,
    op.hlc,
    op.deviceId,
    op.actor,
    // Caller contact never enters the log (the outbound queue): ./op-log-redaction.ts.
    origin === 'local' ? JSON.stringify(withoutCallerContact(op)) : receivedOpHeader(op),
    origin,
    received?.relaySeq ?? null,
    new Date(nowMs).toISOString(),
  );
  return 'applied';
}

/**
 * What the op log keeps of an op received from another console: who, when, which clock, not
 * what. The content lives in the state and activity tables; a second copy of other consoles'
 * data would be more caller data at rest (to redact on purge) and half of the bytes a catch-up
 * writes. Nothing reads it back but conflict detection (`at`). A console's own ops keep their
 * whole body: they are its outbound queue, re-pushed to a fresh relay.
 */
function receivedOpHeader(op: Op): string {
  return JSON.stringify({
    v: op.v,
    opId: op.opId,
    hlc: op.hlc,
    deviceId: op.deviceId,
    actor: op.actor,
    at: op.at,
  });
}

/**
 * Prepared statements, cached per connection: applying ops is the hot path of catch-up after an
 * offline period (tens of thousands of ops), so no query is built or prepared per op.
 */
interface OpStatements {
  opKnown: Database.Statement;
  rowClocks: Database.Statement;
  putClock: Database.Statement;
  insertActivity: Database.Statement;
  insertOp: Database.Statement;
  activityHlc: Database.Statement;
  tables: Map<string, TableStatements>;
}
interface TableStatements {
  exists: Database.Statement;
  insert(id: string, fields: Record<string, unknown>): void;
  update(id: string, fields: Record<string, unknown>): void;
}
const statementCache = new WeakMap<Database.Database, OpStatements>();

function statementsFor(sqlite: Database.Database): OpStatements {
  let st = statementCache.get(sqlite);
  if (!st) {
    st = {
      opKnown: sqlite.prepare('SELECT 1 FROM op_log WHERE op_id = ?'),
      rowClocks: sqlite.prepare(
        'SELECT field, hlc FROM field_clocks WHERE entity = ? AND entity_id = ?',
      ),
      putClock: sqlite.prepare(
        'INSERT INTO field_clocks (entity, entity_id, field, hlc) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc',
      ),
      insertActivity: sqlite.prepare(
        'INSERT INTO activity_log (id, at, actor, device_id, kind, message, params, entity, entity_id, ' +
          'incident_id, struck_at, struck_by, correction, hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?) ' +
          'ON CONFLICT (id) DO NOTHING',
      ),
      insertOp: sqlite.prepare(
        'INSERT INTO op_log (op_id, hlc, device_id, actor, body, origin, relay_seq, applied_at) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      activityHlc: sqlite.prepare('SELECT hlc FROM activity_log WHERE id = ?').pluck(),
      tables: new Map(),
    };
    statementCache.set(sqlite, st);
  }
  return st;
}

/** Maps op field names (the schema's property names) to SQL columns and driver values. */
function tableStatements(sqlite: Database.Database, entity: EntityName): TableStatements {
  const st = statementsFor(sqlite);
  const cached = st.tables.get(entity);
  if (cached) return cached;
  const table = ENTITY_TABLES[entity];
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const tableName = getTableName(table);
  const sqlName = (field: string) => `"${columns[field]!.name}"`;
  const driverValue = (field: string, value: unknown) =>
    value === null || value === undefined ? null : columns[field]!.mapToDriverValue(value);
  const byShape = new Map<string, Database.Statement>();
  const shaped = (kind: 'insert' | 'update', fields: string[]) => {
    const key = `${kind}:${fields.join(',')}`;
    let stmt = byShape.get(key);
    if (!stmt) {
      stmt =
        kind === 'insert'
          ? sqlite.prepare(
              `INSERT INTO "${tableName}" ("id", ${fields.map(sqlName).join(', ')}) ` +
                `VALUES (?, ${fields.map(() => '?').join(', ')})`,
            )
          : sqlite.prepare(
              `UPDATE "${tableName}" SET ${fields.map((f) => `${sqlName(f)} = ?`).join(', ')} WHERE "id" = ?`,
            );
      byShape.set(key, stmt);
    }
    return stmt;
  };
  const statements: TableStatements = {
    exists: sqlite.prepare(`SELECT 1 FROM "${tableName}" WHERE "id" = ?`),
    insert(id, fields) {
      const names = Object.keys(fields);
      shaped('insert', names).run(id, ...names.map((f) => driverValue(f, fields[f])));
    },
    update(id, fields) {
      const names = Object.keys(fields);
      shaped('update', names).run(...names.map((f) => driverValue(f, fields[f])), id);
    },
  };
  st.tables.set(entity, statements);
  return statements;
}
