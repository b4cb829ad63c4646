import type Database from 'better-sqlite3';
import { z } from 'zod';
import { ConflictVersionSchema } from '../../shared/api/sync';
import { prepared } from '../prepared';
import type { ConsoleDb } from '../../db/open';
import { applyOpInTransaction } from '../mutation';
import { OP_FORMAT_VERSION, type Op } from '../../shared/sync/op';
import { repairHlc, SYSTEM_ACTOR, SYSTEM_DEVICE_ID } from '../../shared/sync/merge-semantics';
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
import { ACTIVE_ASSIGNMENT_STATUSES } from './conflicts';

/**
 * Cross-record rules a merge can break, checked after each received op is applied (inside its
 * batch's transaction): a closed or stood-down incident has no active assignment, and a
 * deactivated responder gets no active assignment made without seeing the deactivation.
 *
 * A break made by two concurrent ops (neither author saw the other's) is repaired by releasing
 * the assignment with a system op whose id, clock and content derive only from the two ops, so
 * every console that sees the break makes the identical op and their copies dedupe by id. The
 * break is also recorded as a conflict naming both ops: never repaired silently.
 */
const ENDED_STATUSES = new Set(['closed', 'stood_down']);
const ACTIVE = new Set<string>(ACTIVE_ASSIGNMENT_STATUSES);

interface Break {
  assignmentId: string;
  incidentId: string;
  responderId: string;
  role: string | null;
  assignmentStatus: string;
  rule: 'incident_ended' | 'responder_inactive';
  /** What the closing/deactivating side was set to. */
  causeValue: string;
  cause: Omit<ConflictVersion, 'value'>;
  assignment: Omit<ConflictVersion, 'value'>;
}

interface AssignmentRow {
  id: string;
  incident_id: string;
  responder_id: string;
  status: string;
  role: string | null;
}

export interface Repair {
  conflict: DetectedConflict;
  repairOp: Op;
}

/** Finds the breaks `op` (just applied) made with a concurrent op, and repairs each. */
export function repairInvariants(db: ConsoleDb, op: Op, knownSeq: number, nowMs: number): Repair[] {
  const sqlite = db.$client;
  const repairs: Repair[] = [];
  for (const found of breaksAfter(sqlite, op, knownSeq)) {
    const repairOp = repairOpFor(found);
    applyOpInTransaction(db, repairOp, 'local', nowMs);
    repairs.push({ conflict: conflictFor(found, repairOp), repairOp });
  }
  return repairs;
}

const CarriedConflictSchema = z.object({
  id: z.string(),
  kind: z.literal('invariant_repair'),
  incidentId: z.string(),
  otherIncidentId: z.null(),
  responderId: z.string(),
  versions: z.array(ConflictVersionSchema).max(3),
});

/**
 * The conflict a received repair op carries: a console that never saw the break itself (it read
 * the log after another console had repaired it) still lists it, so no repair is silent anywhere.
 */
export function conflictCarriedBy(op: Op): DetectedConflict | null {
  if (op.deviceId !== SYSTEM_DEVICE_ID || !op.activity?.kind.startsWith('sync.repair.'))
    return null;
  const carried = op.activity.params.conflict;
  if (typeof carried !== 'string') return null;
  try {
    const parsed = CarriedConflictSchema.safeParse(JSON.parse(carried));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function breaksAfter(sqlite: Database.Database, op: Op, knownSeq: number): Break[] {
  const breaks: Break[] = [];
  const activeOf = (column: 'incident_id' | 'responder_id', id: string) =>
    prepared(
      sqlite,
      `SELECT id, incident_id, responder_id, status, role FROM assignments WHERE ${column} = ?
         AND status IN (${ACTIVE_ASSIGNMENT_STATUSES.map(() => '?').join(', ')})`,
    ).all(id, ...ACTIVE_ASSIGNMENT_STATUSES) as AssignmentRow[];
  const clockOp = (entity: string, id: string, field: string) =>
    opByHlc(sqlite, fieldClock(sqlite, entity, id, field));
  const incoming = { ...authorOf(op) };

  for (const change of op.changes) {
    if (change.entity === 'incident' && ENDED_STATUSES.has(String(change.fields.status))) {
      const status = incidentStatus(sqlite, change.id);
      if (!status || !ENDED_STATUSES.has(status)) continue;
      for (const a of activeOf('incident_id', change.id)) {
        const other = clockOp('assignment', a.id, 'status');
        if (other && concurrent(other, op, knownSeq))
          breaks.push(breakOf(a, 'incident_ended', status, incoming, authorOfRow(other)));
      }
    }
    if (change.entity === 'responder' && change.fields.active === false) {
      if (responderActive(sqlite, change.id) !== 0) continue;
      for (const a of activeOf('responder_id', change.id)) {
        const other = clockOp('assignment', a.id, 'status');
        if (other && concurrent(other, op, knownSeq))
          breaks.push(breakOf(a, 'responder_inactive', 'inactive', incoming, authorOfRow(other)));
      }
    }
    if (change.entity === 'assignment' && (change.create || 'status' in change.fields)) {
      const a = prepared(
        sqlite,
        'SELECT id, incident_id, responder_id, status, role FROM assignments WHERE id = ?',
      ).get(change.id) as AssignmentRow | undefined;
      if (!a || !ACTIVE.has(a.status)) continue;
      const status = incidentStatus(sqlite, a.incident_id);
      const ender =
        status && ENDED_STATUSES.has(status) ? clockOp('incident', a.incident_id, 'status') : null;
      if (ender && concurrent(ender, op, knownSeq)) {
        breaks.push(breakOf(a, 'incident_ended', status!, authorOfRow(ender), incoming));
        continue;
      }
      const deactivator =
        responderActive(sqlite, a.responder_id) === 0
          ? clockOp('responder', a.responder_id, 'active')
          : null;
      if (deactivator && concurrent(deactivator, op, knownSeq))
        breaks.push(
          breakOf(a, 'responder_inactive', 'inactive', authorOfRow(deactivator), incoming),
        );
    }
  }
  return breaks;
}

function breakOf(
  a: AssignmentRow,
  rule: Break['rule'],
  causeValue: string,
  cause: Break['cause'],
  assignment: Break['assignment'],
): Break {
  return {
    assignmentId: a.id,
    incidentId: a.incident_id,
    responderId: a.responder_id,
    role: a.role,
    assignmentStatus: a.status,
    rule,
    causeValue,
    cause,
    assignment,
  };
}

const incidentStatus = (sqlite: Database.Database, id: string) =>
  prepared(sqlite, 'SELECT status FROM incidents WHERE id = ?').pluck().get(id) as
    string | undefined;
const responderActive = (sqlite: Database.Database, id: string) =>
  prepared(sqlite, 'SELECT active FROM responders WHERE id = ?').pluck().get(id) as
    number | undefined;

/** The release, made only from the two clashing ops: identical on every console. */
function repairOpFor(b: Break): Op {
  const at = [b.cause.at, b.assignment.at].sort().at(-1)!;
  const header = {
    v: OP_FORMAT_VERSION,
    opId: conflictId('invariant_repair.op', b.assignmentId, b.cause.opId, b.assignment.opId),
    hlc: repairHlc(b.cause.hlc, b.assignment.hlc),
    deviceId: SYSTEM_DEVICE_ID,
    actor: SYSTEM_ACTOR,
    at,
  } as const;
  const conflict = JSON.stringify(conflictFor(b, header));
  return {
    ...header,
    activity: {
      kind: `sync.repair.${b.rule}`,
      message:
        b.rule === 'incident_ended'
          ? `Assignment released automatically: the incident was ${b.causeValue.replace('_', ' ')} on another console at the same time`
          : 'Assignment released automatically: the responder was deactivated on another console at the same time',
      params: { rule: b.rule, by: b.cause.actor, assignedBy: b.assignment.actor, conflict },
      entity: 'assignment',
      entityId: b.assignmentId,
      incidentId: b.incidentId,
    },
    changes: [
      {
        entity: 'assignment',
        id: b.assignmentId,
        create: false,
        fields: { status: 'released', statusChangedAt: at, updatedAt: at },
      },
    ],
  };
}

function conflictFor(
  b: Break,
  repairOp: Pick<Op, 'opId' | 'hlc' | 'deviceId' | 'actor' | 'at'>,
): DetectedConflict {
  return {
    id: conflictId('invariant_repair', b.assignmentId, b.cause.opId, b.assignment.opId),
    kind: 'invariant_repair',
    incidentId: b.incidentId,
    otherIncidentId: null,
    responderId: b.responderId,
    versions: [
      { ...b.cause, value: b.causeValue, field: b.rule },
      {
        ...b.assignment,
        value: b.assignmentStatus,
        assignmentId: b.assignmentId,
        incidentId: b.incidentId,
        role: b.role,
        kept: false,
      },
      { ...authorOf(repairOp), value: 'released', assignmentId: b.assignmentId, kept: true },
    ],
  };
}
