import { eq } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ConsoleDb } from '../db/open';
import { activityLog, opLog } from '../db/schema';
import { ENTITY_TABLES, WRITABLE_FIELDS } from './entity-tables';
import { OP_FORMAT_VERSION, type Op, type OpActivity, type OpChange } from '../shared/sync/op';
import { uuidv7 } from '../shared/ids';
import type { HybridLogicalClock } from '../shared/clock/hlc';
import { ApiFailure } from '../shared/api/result';
import { redactReporterFromOpLog } from './op-log-redaction';

/** A create's HLC is stored once per row under this pseudo-field, instead of once per field. */
const ROW_CLOCK = '*';

export interface MutationContext {
  db: ConsoleDb;
  clock: HybridLogicalClock;
  deviceId: string;
  actor: () => string;
  now: () => number;
}

export interface ChangeRequest {
  activity: Omit<OpActivity, 'message'> & { message: string };
  changes: OpChange[];
}

/**
 * THE mutation path. Every write a dispatcher makes goes through here: in one transaction it
 * stamps an op with the next HLC, applies it to the state tables, advances the field clocks,
 * appends the activity entry and appends the op to the op log (the sync queue). If anything
 * throws, the transaction rolls back and nothing at all is stored.
 */
export function mutate(ctx: MutationContext, request: ChangeRequest): Op {
  return ctx.db.$client
    .transaction(() => {
      const op: Op = {
        v: OP_FORMAT_VERSION,
        opId: uuidv7(ctx.now()),
        hlc: ctx.clock.tick(),
        deviceId: ctx.deviceId,
        actor: ctx.actor(),
        at: new Date(ctx.now()).toISOString(),
        activity: request.activity,
        changes: request.changes,
      };
      applyOpInTransaction(ctx.db, op, 'local', ctx.now());
      return op;
    })
    .immediate();
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
): ApplyOutcome {
  const sqlite = db.$client;
  const known = sqlite.prepare('SELECT 1 FROM op_log WHERE op_id = ?').get(op.opId);
  if (known) return 'duplicate';

  const getClock = sqlite.prepare(
    'SELECT field, hlc FROM field_clocks WHERE entity = ? AND entity_id = ? AND field IN (?, ?)',
  );
  const putClock = sqlite.prepare(
    'INSERT INTO field_clocks (entity, entity_id, field, hlc) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc',
  );

  for (const change of op.changes) {
    const table = ENTITY_TABLES[change.entity];
    const writable = WRITABLE_FIELDS[change.entity];
    for (const field of Object.keys(change.fields)) {
      if (!writable.has(field)) {
        throw new ApiFailure('invalid_input', `Field "${field}" cannot be set on ${change.entity}`);
      }
    }
    const idColumn = (table as unknown as { id: SQLiteColumn }).id;
    if (change.create) {
      const existing = db.select({ id: idColumn }).from(table).where(eq(idColumn, change.id)).get();
      if (!existing) {
        db.insert(table)
          .values({ id: change.id, ...change.fields })
          .run();
        putClock.run(change.entity, change.id, ROW_CLOCK, op.hlc);
        continue;
      }
      // The row exists already (two consoles created the same id, or a replay): fall through to
      // per-field last-writer-wins so the outcome does not depend on arrival order.
    }
    const winning: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(change.fields)) {
      const clocks = getClock.all(change.entity, change.id, field, ROW_CLOCK) as {
        field: string;
        hlc: string;
      }[];
      const current =
        clocks.find((c) => c.field === field)?.hlc ??
        clocks.find((c) => c.field === ROW_CLOCK)?.hlc;
      if (current === undefined && !change.create) {
        throw new ApiFailure('not_found', `No ${change.entity} with id ${change.id}`);
      }
      if (current === undefined || op.hlc > current) {
        winning[field] = value;
        putClock.run(change.entity, change.id, field, op.hlc);
      }
    }
    if (Object.keys(winning).length > 0) {
      db.update(table).set(winning).where(eq(idColumn, change.id)).run();
    }
    if (change.entity === 'incident' && typeof winning.reporterPurgedAt === 'string') {
      redactReporterFromOpLog(sqlite, change.id);
    }
  }

  if (op.activity) {
    const a = op.activity;
    db.insert(activityLog)
      .values({
        id: op.opId,
        at: op.at,
        actor: op.actor,
        deviceId: op.deviceId,
        kind: a.kind,
        message: a.message,
        params: a.params,
        entity: a.entity,
        entityId: a.entityId,
        incidentId: a.incidentId,
        struckAt: null,
        struckBy: null,
        correction: null,
        hlc: op.hlc,
      })
      .onConflictDoNothing()
      .run();
    putClock.run('activity', op.opId, ROW_CLOCK, op.hlc);
  }

  db.insert(opLog)
    .values({
      opId: op.opId,
      hlc: op.hlc,
      deviceId: op.deviceId,
      actor: op.actor,
      body: op,
      origin,
      relaySeq: null,
      appliedAt: new Date(nowMs).toISOString(),
    })
    .run();
  return 'applied';
}
