/**
 * The automatic hand-off brief written when a shift ends: pure, from the board's state at that
 * moment. What the arriving dispatcher must know: open incidents (status, age), pending
 * verifications, responders still out (en route / on scene) with overdue check-ins, proposals
 * nobody acted on, follow-ups
 * due, the leaving dispatcher's notes and the shift metrics. Items that need action now
 * (overdue verifications and check-ins, stale proposals) are collected in `attention`: ending a shift with any of
 * them asks first. Never caller data, never people affected: places are towns.
 */
import type { Assignment, Incident } from '../api/schemas';
import { incidentTimers } from '../domain/board';
import { isSlowCase } from '../domain/incident-status';
import { isProposalStale } from '../assignments/lifecycle';
import type {
  AssignmentStatus,
  IncidentStatus,
  IncidentType,
  ResponderRole,
} from '../domain/vocabulary';
import { printedName } from '../briefing/content';
import { incidentRef } from '../briefing/ref';
import type { ShiftMetrics } from './metrics';

export interface HandoffIncident {
  id: string;
  ref: string;
  type: IncidentType;
  status: IncidentStatus;
  place: string;
  ageMs: number;
  statusAgeMs: number;
}
export interface HandoffVerification extends HandoffIncident {
  overdue: boolean;
}
export interface HandoffResponderOut {
  assignmentId: string;
  incidentId: string;
  ref: string;
  place: string;
  name: string;
  role: ResponderRole;
  status: AssignmentStatus;
  sinceCheckInMs: number;
  overdue: boolean;
}
export interface HandoffStaleProposal {
  assignmentId: string;
  incidentId: string;
  ref: string;
  place: string;
  name: string;
  role: ResponderRole;
  proposedForMs: number;
}
export interface HandoffAttention {
  kind: 'verification_overdue' | 'checkin_overdue' | 'proposal_stale';
  incidentId: string;
  what: string;
}

export interface HandoffBrief {
  shiftId: string;
  dispatcherName: string;
  startedAt: string;
  endedAt: string;
  notes: string;
  openIncidents: HandoffIncident[];
  pendingVerifications: HandoffVerification[];
  respondersOut: HandoffResponderOut[];
  /** Proposed and untouched past the check-in limit: the responder may not even know. */
  staleProposals: HandoffStaleProposal[];
  followUps: HandoffIncident[];
  attention: HandoffAttention[];
  metrics: ShiftMetrics;
}

export interface HandoffInput {
  nowMs: number;
  shift: { id: string; dispatcherName: string; startedAt: string };
  notes: string;
  /** Open incidents (merged reports are left out by the caller or here). */
  incidents: readonly Incident[];
  assignments: readonly (Pick<
    Assignment,
    'id' | 'incidentId' | 'role' | 'status' | 'statusChangedAt' | 'lastCheckInAt'
  > & { responderName: string })[];
  settings: { verificationOverdueMinutes: number; checkInOverdueMinutes: number };
  metrics: ShiftMetrics;
}

const OUT_STATUSES: readonly AssignmentStatus[] = ['en_route', 'on_scene'];
const FOLLOW_UP_STATUSES: readonly IncidentStatus[] = ['stood_down', 'follow_up'];
const WAITING_STATUSES: readonly IncidentStatus[] = ['new', 'triaged', 'verifying'];

export { incidentRef };
const placeOf = (i: Incident) => i.location.town ?? i.location.text;

export function buildHandoffBrief(input: HandoffInput): HandoffBrief {
  const now = input.nowMs;
  const open = input.incidents.filter((i) => i.status !== 'closed' && !i.mergedIntoId);
  const byId = new Map(open.map((i) => [i.id, i]));
  const summary = (i: Incident): HandoffIncident => ({
    id: i.id,
    ref: incidentRef(i.id),
    type: i.type,
    status: i.status,
    place: placeOf(i),
    ageMs: Math.max(0, now - Date.parse(i.callReceivedAt)),
    statusAgeMs: Math.max(0, now - Date.parse(i.statusChangedAt)),
  });
  const oldestFirst = (a: { ageMs: number }, b: { ageMs: number }) => b.ageMs - a.ageMs;

  const openIncidents = open.map(summary).sort(oldestFirst);
  const pendingVerifications = open
    .filter(
      (i) =>
        WAITING_STATUSES.includes(i.status) && !isSlowCase(i.type) && i.triage !== 'do_not_share',
    )
    .map((i) => ({
      ...summary(i),
      overdue: incidentTimers(i, now, input.settings.verificationOverdueMinutes)
        .verificationOverdue,
    }))
    .sort(oldestFirst);
  const followUps = open
    .filter((i) => FOLLOW_UP_STATUSES.includes(i.status))
    .map(summary)
    .sort(oldestFirst);

  const checkInLimitMs = input.settings.checkInOverdueMinutes * 60_000;
  const respondersOut = input.assignments
    .filter((a) => OUT_STATUSES.includes(a.status) && byId.has(a.incidentId))
    .map((a) => {
      const incident = byId.get(a.incidentId)!;
      const last = Date.parse(a.lastCheckInAt ?? a.statusChangedAt);
      const sinceCheckInMs = Math.max(0, now - last);
      return {
        assignmentId: a.id,
        incidentId: a.incidentId,
        ref: incidentRef(a.incidentId),
        place: placeOf(incident),
        name: printedName(a.responderName),
        role: a.role,
        status: a.status,
        sinceCheckInMs,
        overdue: sinceCheckInMs > checkInLimitMs,
      };
    })
    .sort((a, b) => b.sinceCheckInMs - a.sinceCheckInMs);

  const staleProposals = input.assignments
    .filter(
      (a) =>
        byId.has(a.incidentId) && isProposalStale(a, now, input.settings.checkInOverdueMinutes),
    )
    .map((a) => {
      const incident = byId.get(a.incidentId)!;
      return {
        assignmentId: a.id,
        incidentId: a.incidentId,
        ref: incidentRef(a.incidentId),
        place: placeOf(incident),
        name: printedName(a.responderName),
        role: a.role,
        proposedForMs: Math.max(0, now - Date.parse(a.statusChangedAt)),
      };
    })
    .sort((a, b) => b.proposedForMs - a.proposedForMs);

  const attention: HandoffAttention[] = [
    ...pendingVerifications
      .filter((v) => v.overdue)
      .map((v) => ({
        kind: 'verification_overdue' as const,
        incidentId: v.id,
        what: `${v.ref} ${v.place}`,
      })),
    ...respondersOut
      .filter((r) => r.overdue)
      .map((r) => ({
        kind: 'checkin_overdue' as const,
        incidentId: r.incidentId,
        what: `${r.name} (${r.ref} ${r.place})`,
      })),
    ...staleProposals.map((p) => ({
      kind: 'proposal_stale' as const,
      incidentId: p.incidentId,
      what: `${p.name} (${p.ref} ${p.place})`,
    })),
  ];

  return {
    shiftId: input.shift.id,
    dispatcherName: input.shift.dispatcherName,
    startedAt: input.shift.startedAt,
    endedAt: new Date(now).toISOString(),
    notes: input.notes.trim(),
    openIncidents,
    pendingVerifications,
    respondersOut,
    staleProposals,
    followUps,
    attention,
    metrics: input.metrics,
  };
}
