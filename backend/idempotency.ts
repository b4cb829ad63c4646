import type Database from 'better-sqlite3';
import { prepared } from './prepared';
import { refusal } from './refusal';
import type { IdempotentOperationName } from '../shared/api/idempotency';
import { CALLER_CONTACT_FIELDS } from './op-log-redaction';

/** How long a create's result is kept for a retry (a reply lost, the renderer reconnecting). */
export const IDEMPOTENCY_KEEP_MS = 24 * 3_600_000;
/** Records live in local_meta (device-local, never synced) under this prefix. */
const PREFIX = 'idempotency:';

interface IdempotencyRecord {
  operation: IdempotentOperationName;
  at: string;
  result: unknown;
}

/**
 * Runs a create at most once per idempotency key: the key's record and the create's writes are
 * in ONE transaction, so either both are stored or neither is, and a retry with the same key
 * answers the first call's result without writing anything. A key sent with a different
 * operation is refused (a renderer bug, never a reason to guess). `run` must be synchronous.
 */
export function runOnce(
  sqlite: Database.Database,
  operation: IdempotentOperationName,
  key: string,
  nowMs: number,
  run: () => unknown,
): unknown {
  return sqlite
    .transaction(() => {
      const stored = prepared(sqlite, 'SELECT value FROM local_meta WHERE key = ?').get(
        PREFIX + key,
      ) as { value: string } | undefined;
      if (stored) {
        const record = JSON.parse(stored.value) as IdempotencyRecord;
        if (record.operation !== operation) {
          throw refusal('invalid_input', 'error.idempotency.otherOperation');
        }
        return record.result;
      }
      const result = run();
      if (result instanceof Promise)
        throw new Error(`${operation} must be synchronous to run once`);
      const record: IdempotencyRecord = { operation, at: new Date(nowMs).toISOString(), result };
      prepared(sqlite, 'INSERT INTO local_meta (key, value) VALUES (?, ?)').run(
        PREFIX + key,
        JSON.stringify(record),
      );
      return result;
    })
    .immediate();
}

/**
 * Forgets the records older than the keep time, and blanks the caller contact in every record
 * whose result mentions one of `ids` (the incidents just purged: a create's kept result may hold
 * the caller, and a purge leaves no copy; the record itself stays, so a late retry still finds it).
 */
export function forgetIdempotencyRecords(
  sqlite: Database.Database,
  nowMs: number,
  purgedIncidentIds: readonly string[] = [],
): void {
  const cutoff = new Date(nowMs - IDEMPOTENCY_KEEP_MS).toISOString();
  prepared(
    sqlite,
    "DELETE FROM local_meta WHERE key LIKE 'idempotency:%' AND json_extract(value, '$.at') < ?",
  ).run(cutoff);
  const mentioning = prepared(
    sqlite,
    "SELECT key, value FROM local_meta WHERE key LIKE 'idempotency:%' AND instr(value, ?) > 0",
  );
  const update = prepared(sqlite, 'UPDATE local_meta SET value = ? WHERE key = ?');
  for (const id of purgedIncidentIds) {
    for (const row of mentioning.all(id) as { key: string; value: string }[]) {
      const record = JSON.parse(row.value) as IdempotencyRecord;
      update.run(JSON.stringify({ ...record, result: withoutCaller(record.result) }), row.key);
    }
  }
}

/** A copy of `value` with every caller contact field blank, however deep. */
function withoutCaller(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCaller);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([field, inner]) => [
      field,
      (CALLER_CONTACT_FIELDS as readonly string[]).includes(field) && typeof inner === 'string'
        ? ''
        : withoutCaller(inner),
    ]),
  );
}
