import type { IncidentStatus, TriageLevel } from './vocabulary';
import { isSlowCase } from './incident-status';
import type { Incident } from '../api/schemas';

/**
 * The live board's order and timers. Urgency first (mobilize now before verify first before
 * do-not-share; live field statuses before paperwork), then the oldest report first within the
 * same urgency, since the longest wait is the most likely to be forgotten.
 */
export const TRIAGE_RANK: Record<TriageLevel, number> = {
  mobilize_now: 0,
  verify_first: 1,
  do_not_share: 2,
};
export const STATUS_RANK: Record<IncidentStatus, number> = {
  mobilizing: 0,
  on_scene: 0,
  new: 1,
  verifying: 1,
  confirmed: 1,
  triaged: 2,
  unverified: 2,
  other_agency: 3,
  stood_down: 4,
  follow_up: 5,
  on_hold: 6,
  false_alarm: 6,
  closed: 9,
};

export function urgencyKey(incident: Incident): [number, number, number, number] {
  return [
    isSlowCase(incident.type) ? 1 : 0,
    STATUS_RANK[incident.status],
    TRIAGE_RANK[incident.triage],
    Date.parse(incident.callReceivedAt),
  ];
}

export function sortByUrgency<T extends Incident>(incidents: readonly T[]): T[] {
  const keyed = incidents.map((i) => ({ i, k: urgencyKey(i) }));
  keyed.sort((a, b) => {
    for (let n = 0; n < 4; n++) {
      const d = a.k[n]! - b.k[n]!;
      if (d !== 0) return d;
    }
    return 0;
  });
  return keyed.map((x) => x.i);
}

export interface IncidentTimers {
  sinceReportMs: number;
  inStatusMs: number;
  verificationOverdue: boolean;
}

/** Verification is overdue when an incident sits unverified (new, triaged, verifying) too long. */
export function incidentTimers(
  incident: Incident,
  nowMs: number,
  verificationOverdueMinutes: number,
): IncidentTimers {
  const sinceReportMs = Math.max(0, nowMs - Date.parse(incident.callReceivedAt));
  const inStatusMs = Math.max(0, nowMs - Date.parse(incident.statusChangedAt));
  const waiting =
    incident.status === 'verifying' || incident.status === 'new' || incident.status === 'triaged';
  const verificationOverdue =
    waiting &&
    !isSlowCase(incident.type) &&
    incident.triage !== 'do_not_share' &&
    sinceReportMs > verificationOverdueMinutes * 60_000;
  return { sinceReportMs, inStatusMs, verificationOverdue };
}

/** "4 min", "2 h 05 min", "3 d 4 h": compact, for a running timer. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
