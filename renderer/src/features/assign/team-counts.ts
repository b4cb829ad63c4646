import type { AssignmentView } from '../../../../shared/api/assignments';

export interface TeamCounts {
  active: number;
  overdue: number;
}

/** Active team size and overdue check-ins per incident, from the active assignments. */
export function teamCounts(assignments: readonly AssignmentView[]): Map<string, TeamCounts> {
  const map = new Map<string, TeamCounts>();
  for (const a of assignments) {
    const entry = map.get(a.incidentId) ?? { active: 0, overdue: 0 };
    entry.active++;
    if (a.checkInOverdue) entry.overdue++;
    map.set(a.incidentId, entry);
  }
  return map;
}
