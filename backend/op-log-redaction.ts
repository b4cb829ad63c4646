import type Database from 'better-sqlite3';
import type { Op } from '../shared/sync/op';

const REPORTER_FIELDS = ['reporterName', 'reporterPhone'] as const;

/**
 * Once caller data is purged from the state, earlier ops in the local log must not keep a copy
 * (only this console's own ops carry content; received ones keep a header, see mutation.ts):
 * their reporter fields for that incident are blanked. (Applied on every console that applies
 * the purge op, so the whole network forgets.)
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
      for (const field of REPORTER_FIELDS) {
        if (typeof change.fields[field] === 'string' && change.fields[field] !== '') {
          change.fields[field] = '';
          touched = true;
        }
      }
    }
    if (touched) update.run(JSON.stringify(op), row.op_id);
  }
}
