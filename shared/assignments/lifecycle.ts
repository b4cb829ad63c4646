import type { AssignmentStatus } from '../domain/vocabulary';

/**
 * The assignment lifecycle:
 *   proposed -> notified -> accepted | declined -> en_route (ETA) -> on_scene -> departed -> released
 * A proposal can be dropped (released) before anyone is called, a wrong number can be declined
 * before the call goes through, and someone who accepted may arrive without reporting en route.
 * declined and released are final.
 */
const NEXT: Record<AssignmentStatus, readonly AssignmentStatus[]> = {
  proposed: ['notified', 'declined', 'released'],
  notified: ['accepted', 'declined', 'released'],
  accepted: ['en_route', 'on_scene', 'released'],
  en_route: ['on_scene', 'released'],
  on_scene: ['departed'],
  departed: ['released'],
  declined: [],
  released: [],
};

/** Statuses in which a person is committed to an incident (and so "busy" for others). */
export const ACTIVE_ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = [
  'proposed',
  'notified',
  'accepted',
  'en_route',
  'on_scene',
];
/** Statuses in which a person is out in the field and must check in. */
export const FIELD_STATUSES: readonly AssignmentStatus[] = ['en_route', 'on_scene'];

export function isActiveAssignment(status: AssignmentStatus): boolean {
  return ACTIVE_ASSIGNMENT_STATUSES.includes(status);
}

export function nextAssignmentStatuses(from: AssignmentStatus): readonly AssignmentStatus[] {
  return NEXT[from];
}

/** The one-key "advance" step a dispatcher takes most often from each status. */
export function primaryNextStatus(from: AssignmentStatus): AssignmentStatus | null {
  return (
    (
      {
        proposed: 'notified',
        notified: 'accepted',
        accepted: 'en_route',
        en_route: 'on_scene',
        on_scene: 'departed',
        departed: 'released',
      } as Partial<Record<AssignmentStatus, AssignmentStatus>>
    )[from] ?? null
  );
}

export function checkAssignmentTransition(
  from: AssignmentStatus,
  to: AssignmentStatus,
): { ok: true } | { ok: false; reason: string } {
  if (NEXT[from].includes(to)) return { ok: true };
  const label = (s: string) => s.replace(/_/g, ' ');
  if (NEXT[from].length === 0)
    return { ok: false, reason: `This assignment is ${label(from)}; it cannot change any more.` };
  return {
    ok: false,
    reason: `Cannot go from "${label(from)}" to "${label(to)}". Next: ${NEXT[from].map(label).join(', ')}.`,
  };
}

/**
 * A proposal nobody acted on: still "proposed" (not yet notified, so the responder may not know)
 * after the same limit as a field check-in.
 */
export function isProposalStale(
  a: { status: AssignmentStatus; statusChangedAt: string },
  nowMs: number,
  staleMinutes: number,
): boolean {
  return a.status === 'proposed' && nowMs - Date.parse(a.statusChangedAt) > staleMinutes * 60_000;
}

/** Overdue when out in the field with no status change or check-in for `overdueMinutes`. */
export function isCheckInOverdue(
  a: { status: AssignmentStatus; statusChangedAt: string; lastCheckInAt: string | null },
  nowMs: number,
  overdueMinutes: number,
): boolean {
  if (!FIELD_STATUSES.includes(a.status)) return false;
  const last = Math.max(
    Date.parse(a.statusChangedAt),
    a.lastCheckInAt ? Date.parse(a.lastCheckInAt) : 0,
  );
  return nowMs - last > overdueMinutes * 60_000;
}
