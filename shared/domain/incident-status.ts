import type { IncidentStatus, IncidentType, VerificationOutcome } from './vocabulary';
import { SLOW_INCIDENT_TYPES } from './vocabulary';

/**
 * The incident status machine. A status change that is not listed here is refused; `on_hold` is
 * reachable from every open status and returns to where the incident was (or any later step).
 *
 *   new -> triaged -> verifying -> {confirmed | other_agency | false_alarm | unverified}
 *       -> mobilizing -> on_scene -> stood_down -> follow_up -> closed
 *
 * Shortcuts a dispatcher needs under pressure: new -> verifying (send verifiers at once),
 * new/triaged -> mobilizing (mobilize now), triaged -> follow_up (slow cases: labor abuse,
 * check-in accompaniment), and closing a false alarm or a do-not-share report.
 */
const FORWARD: Record<IncidentStatus, readonly IncidentStatus[]> = {
  new: ['triaged', 'verifying', 'mobilizing', 'follow_up', 'closed'],
  triaged: ['verifying', 'mobilizing', 'follow_up', 'closed'],
  verifying: ['confirmed', 'other_agency', 'false_alarm', 'unverified'],
  confirmed: ['mobilizing', 'follow_up', 'stood_down', 'closed'],
  other_agency: ['mobilizing', 'follow_up', 'closed'],
  false_alarm: ['follow_up', 'closed'],
  unverified: ['verifying', 'mobilizing', 'follow_up', 'closed'],
  mobilizing: ['on_scene', 'stood_down'],
  on_scene: ['stood_down'],
  stood_down: ['follow_up', 'closed', 'mobilizing'],
  follow_up: ['closed'],
  closed: [],
  on_hold: [],
};

export const VERIFICATION_STATUSES: readonly IncidentStatus[] = [
  'confirmed',
  'other_agency',
  'false_alarm',
  'unverified',
];

export function isOpenStatus(status: IncidentStatus): boolean {
  return status !== 'closed';
}

export function isVerificationOutcome(status: IncidentStatus): status is VerificationOutcome {
  return VERIFICATION_STATUSES.includes(status);
}

/** Where an incident may go next. `heldFrom` is the status it had before going on hold. */
export function allowedTransitions(
  from: IncidentStatus,
  heldFrom: IncidentStatus | null = null,
): IncidentStatus[] {
  if (from === 'on_hold') {
    const back =
      heldFrom && heldFrom !== 'on_hold' ? [heldFrom, ...FORWARD[heldFrom]] : ['triaged' as const];
    return [...new Set<IncidentStatus>([...back, 'closed'])];
  }
  const next = [...FORWARD[from]];
  if (isOpenStatus(from)) next.push('on_hold');
  return next;
}

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

export function checkTransition(
  from: IncidentStatus,
  to: IncidentStatus,
  heldFrom: IncidentStatus | null = null,
): TransitionCheck {
  if (from === to) return { ok: false, reason: `The incident is already "${label(to)}".` };
  if (from === 'closed')
    return { ok: false, reason: 'The incident is closed; open a new report instead.' };
  if (allowedTransitions(from, heldFrom).includes(to)) return { ok: true };
  const options = allowedTransitions(from, heldFrom).map(label).join(', ');
  return {
    ok: false,
    reason: `Cannot go from "${label(from)}" to "${label(to)}". Next steps allowed: ${options}.`,
  };
}

/** Slow cases share the queue without alarm styling. */
export function isSlowCase(type: IncidentType): boolean {
  return SLOW_INCIDENT_TYPES.includes(type);
}

const label = (s: IncidentStatus) => s.replace(/_/g, ' ');
