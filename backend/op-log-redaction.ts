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
 * Once caller data is purged from the state, no stored op may keep a copy. This console logs its
 * ops without caller contact (withoutCallerContact), but a database written by an earlier version
 * may hold such bodies, and ops parked in the sync inbox are kept as received (a console of an
 * earlier version sends caller contact): their caller fields for that incident are blanked.
 */
export function redactReporterFromOpLog(sqlite: Database.Database, incidentId: string): void {
  for (const table of ['op_log', 'sync_inbox'] as const) {
    const rows = sqlite
      .prepare(`SELECT op_id, body FROM ${table} WHERE instr(body, ?) > 0`)
      .all(incidentId) as { op_id: string; body: string }[];
    const update = sqlite.prepare(`UPDATE ${table} SET body = ? WHERE op_id = ?`);
    for (const row of rows) {
      const redacted = blankCallerContact(row.body, incidentId);
      if (redacted !== null) update.run(redacted, row.op_id);
    }
  }
}

/** The op's JSON with the incident's caller fields blank, or null when it has none to blank. */
function blankCallerContact(body: string, incidentId: string): string | null {
  let op: Op;
  try {
    op = JSON.parse(body) as Op;
  } catch {
    return null;
  }
  let touched = false;
  for (const change of Array.isArray(op.changes) ? op.changes : []) {
    if (change?.entity !== 'incident' || change.id !== incidentId || !change.fields) continue;
    for (const field of CALLER_CONTACT_FIELDS) {
      if (typeof change.fields[field] === 'string' && change.fields[field] !== '') {
        change.fields[field] = '';
        touched = true;
      }
    }
  }
  return touched ? JSON.stringify(op) : null;
}
