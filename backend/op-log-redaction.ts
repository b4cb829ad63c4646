import type Database from 'better-sqlite3';
import type { Op } from '../shared/sync/op';

/** Caller contact: held only on the console it was typed on, never in an op that leaves it. */
export const CALLER_CONTACT_FIELDS = ['reporterName', 'reporterPhone'] as const;

/**
 * The op as the op log keeps it and the relay receives it: caller contact removed. A create
 * carries the fields blank (the columns are required on every console); an update never carries
 * them. So a value typed on this console never reaches another, and no console's value is ever
 * overwritten by another's. Each console purges what it holds itself (./incidents/retention.ts);
 * the purge op tells the others only when (reporterPurgedAt).
 */
export function withoutCallerContact(op: Op): Op {
  let stripped: Op | null = null;
  op.changes.forEach((change, index) => {
    if (change.entity !== 'incident') return;
    const present = CALLER_CONTACT_FIELDS.filter((f) => f in change.fields);
    if (present.length === 0) return;
    if (change.create && present.every((f) => change.fields[f] === '')) return;
    const fields = { ...change.fields };
    for (const field of present) {
      if (change.create) fields[field] = '';
      else delete fields[field];
    }
    stripped ??= { ...op, changes: [...op.changes] };
    stripped.changes[index] = { ...change, fields };
  });
  return stripped ?? op;
}

/**
 * Once caller data is purged from the state, no op in the local log may keep a copy. Ops are
 * logged without caller contact (withoutCallerContact), so this only finds bodies a console
 * logged before it stripped them: their caller fields for that incident are blanked.
 */
export function redactReporterFromOpLog(sqlite: Database.Database, incidentId: string): void {
  const rows = sqlite
    .prepare("SELECT op_id, body FROM op_log WHERE body LIKE '%' || ? || '%'")
    .all(incidentId) as { op_id: string; body: string }[];
  const update = sqlite.prepare('UPDATE op_log SET body = ? WHERE op_id = ?');
  for (const row of rows) {
    const op = JSON.parse(row.body) as Op;
    let touched = false;
    for (const change of op.changes ?? []) {
      if (change.entity !== 'incident' || change.id !== incidentId) continue;
      for (const field of CALLER_CONTACT_FIELDS) {
        if (typeof change.fields[field] === 'string' && change.fields[field] !== '') {
          change.fields[field] = '';
          touched = true;
        }
      }
    }
    if (touched) update.run(JSON.stringify(op), row.op_id);
  }
}
