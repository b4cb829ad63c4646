import { prepared } from '../prepared';
import type Database from 'better-sqlite3';
import type { Op } from '../../shared/sync/op';
import { concurrentFieldConflicts } from './field-conflicts';
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

export { conflictId, type ConflictVersion, type DetectedConflict };

/**
 * Conflicts that matter to people, detected while applying a remote op (inside its transaction).
 * Last-writer-wins still decides the stored value (so every console converges); this only records
 * that two dispatchers made incompatible decisions without seeing each other's, so a person looks.
 *
 * "Without seeing": the sender's envelope says the highest relay seq it had applied when it made
 * the op (knownSeq). The other decision was made in view of it if that op's relay seq <= knownSeq;
 * then it is a deliberate change, not a conflict. Ops made on the same device never conflict.
 */
export const ACTIVE_ASSIGNMENT_STATUSES = [
  'proposed',
  'notified',
  'accepted',
  'en_route',
  'on_scene',
] as const;
const ACTIVE = new Set<string>(ACTIVE_ASSIGNMENT_STATUSES);
export const CONFLICT_RESOLVED_KIND = 'sync.conflict_resolved';

interface AssignmentRow {
  id: string;
  incident_id: string;
  responder_id: string;
  status: string;
  role: string | null;
}

export interface ConflictProbe {
  /** Call after the op was applied (same transaction); returns the conflicts found. */
  after(): DetectedConflict[];
}

/** Call BEFORE applying a remote op; it snapshots what the op may collide with. */
export function probeConflicts(sqlite: Database.Database, op: Op, knownSeq: number): ConflictProbe {
  const found: DetectedConflict[] = [];
  const assignmentsBefore = new Map<string, AssignmentRow | undefined>();
  const getAssignment = prepared(
    sqlite,
    'SELECT id, incident_id, responder_id, status, role FROM assignments WHERE id = ?',
  );

  for (const change of op.changes) {
    if (change.entity === 'incident' && typeof change.fields.verificationOutcome === 'string') {
      const incoming = change.fields.verificationOutcome;
      const row = prepared(
        sqlite,
        'SELECT verification_outcome, verified_by FROM incidents WHERE id = ?',
      ).get(change.id) as
        { verification_outcome: string | null; verified_by: string | null } | undefined;
      if (!row?.verification_outcome || row.verification_outcome === incoming) continue;
      const other = opByHlc(
        sqlite,
        fieldClock(sqlite, 'incident', change.id, 'verificationOutcome'),
      );
      if (!other || !concurrent(other, op, knownSeq)) continue;
      const mine: ConflictVersion = {
        ...authorOf(op),
        value: incoming,
        verifiedBy: typeof change.fields.verifiedBy === 'string' ? change.fields.verifiedBy : null,
      };
      const theirs: ConflictVersion = {
        ...authorOfRow(other),
        value: row.verification_outcome,
        verifiedBy: row.verified_by,
      };
      const versions = [mine, theirs].sort((a, b) => (a.hlc > b.hlc ? -1 : 1));
      versions[0]!.kept = true;
      versions[1]!.kept = false;
      found.push({
        id: conflictId('verification_outcome', change.id, ...[mine.opId, theirs.opId].sort()),
        kind: 'verification_outcome',
        incidentId: change.id,
        otherIncidentId: null,
        responderId: null,
        versions,
      });
    }
    if (!change.create) found.push(...concurrentFieldConflicts(sqlite, op, knownSeq, change));
    if (change.entity === 'assignment' && !assignmentsBefore.has(change.id)) {
      assignmentsBefore.set(change.id, getAssignment.get(change.id) as AssignmentRow | undefined);
    }
  }

  return {
    after() {
      for (const [id, before] of assignmentsBefore) {
        const now = getAssignment.get(id) as AssignmentRow | undefined;
        if (!now || !ACTIVE.has(now.status)) continue;
        const unchanged =
          before &&
          ACTIVE.has(before.status) &&
          before.responder_id === now.responder_id &&
          before.incident_id === now.incident_id;
        if (unchanged) continue;
        const others = prepared(
          sqlite,
          `SELECT id, incident_id, responder_id, status, role FROM assignments
             WHERE responder_id = ? AND incident_id != ? AND id != ?
               AND status IN (${ACTIVE_ASSIGNMENT_STATUSES.map(() => '?').join(', ')})`,
        ).all(
          now.responder_id,
          now.incident_id,
          now.id,
          ...ACTIVE_ASSIGNMENT_STATUSES,
        ) as AssignmentRow[];
        for (const o of others) {
          const other = opByHlc(sqlite, fieldClock(sqlite, 'assignment', o.id, 'status'));
          if (!other || !concurrent(other, op, knownSeq)) continue;
          const mine: ConflictVersion = {
            ...authorOf(op),
            value: now.status,
            assignmentId: now.id,
            incidentId: now.incident_id,
            role: now.role,
          };
          const theirs: ConflictVersion = {
            ...authorOfRow(other),
            value: o.status,
            assignmentId: o.id,
            incidentId: o.incident_id,
            role: o.role,
          };
          const versions = [mine, theirs].sort((a, b) => (a.hlc < b.hlc ? -1 : 1));
          const [first, second] = [now.incident_id, o.incident_id].sort();
          found.push({
            id: conflictId('double_assignment', ...[now.id, o.id].sort()),
            kind: 'double_assignment',
            incidentId: first!,
            otherIncidentId: second!,
            responderId: now.responder_id,
            versions,
          });
        }
      }
      return found;
    },
  };
}

/** Stores detected conflicts (idempotent); a resolution already in the activity log applies. */
export function recordConflicts(
  sqlite: Database.Database,
  detected: readonly DetectedConflict[],
  nowIso: string,
): DetectedConflict[] {
  const inserted: DetectedConflict[] = [];
  const insert = prepared(
    sqlite,
    `INSERT OR IGNORE INTO conflicts
       (id, kind, incident_id, other_incident_id, responder_id, versions, detected_at,
        resolved_at, resolved_by, resolution_note)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)`,
  );
  for (const c of detected) {
    const result = insert.run(
      c.id,
      c.kind,
      c.incidentId,
      c.otherIncidentId,
      c.responderId,
      JSON.stringify(c.versions),
      nowIso,
    );
    if (result.changes > 0) {
      inserted.push(c);
      const resolution = prepared(
        sqlite,
        `SELECT at, actor, json_extract(params, '$.note') AS note FROM activity_log
           WHERE kind = ? AND json_extract(params, '$.conflictId') = ? ORDER BY hlc LIMIT 1`,
      ).get(CONFLICT_RESOLVED_KIND, c.id) as
        { at: string; actor: string; note: string | null } | undefined;
      if (resolution) markResolved(sqlite, c.id, resolution.at, resolution.actor, resolution.note);
    }
  }
  return inserted;
}

export function markResolved(
  sqlite: Database.Database,
  id: string,
  at: string,
  by: string,
  note: string | null,
): boolean {
  return (
    prepared(
      sqlite,
      `UPDATE conflicts SET resolved_at = ?, resolved_by = ?, resolution_note = ?
         WHERE id = ? AND resolved_at IS NULL`,
    ).run(at, by, note, id).changes > 0
  );
}
