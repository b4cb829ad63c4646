import { useMemo } from 'react';
import type { AssignmentView } from '../../../../shared/api/assignments';
import type { ApiInput } from '../../../../shared/api/contract';
import { useQuery } from '../../lib/useQuery';
import { useInterval } from '../../lib/useInterval';
import { teamCounts } from './team-counts';

/**
 * Check-in deadlines pass without any change event, so views of assignments refetch on this
 * interval as well as on changes.
 */
export const TEAM_REFRESH_MS = 30_000;

/** Assignments (active ones for counts and map lines, or one incident's whole team). */
export function useAssignmentList(filter: ApiInput<'listAssignments'>) {
  const query = useQuery('listAssignments', filter, [
    'assignment',
    'incident',
    'responder',
    'setting',
  ]);
  useInterval(query.revalidate, TEAM_REFRESH_MS);
  return query;
}

/** Everyone active today grouped by status (each group's first people, and every count). */
export function useResponderBoard(input: ApiInput<'getResponderBoard'>) {
  const query = useQuery('getResponderBoard', input, ['assignment', 'responder', 'setting']);
  useInterval(query.revalidate, TEAM_REFRESH_MS);
  return query;
}

const NO_ASSIGNMENTS: readonly AssignmentView[] = [];

/** Every active assignment (board team counts, map lines, overdue check-ins). */
export function useActiveTeams() {
  const active = useAssignmentList({ activeOnly: true });
  const assignments = active.data ?? NO_ASSIGNMENTS;
  const teams = useMemo(() => teamCounts(assignments), [assignments]);
  const overdueIncidentIds = useMemo(
    () => new Set([...teams].filter(([, v]) => v.overdue > 0).map(([id]) => id)),
    [teams],
  );
  return { assignments, teams, overdueIncidentIds };
}

/** Responder links of one assignment or incident, with what the phone answered (live). */
export function useResponderLinks(filter: ApiInput<'listResponderLinks'>) {
  return useQuery('listResponderLinks', filter, ['responderLink', 'assignment', 'incident']);
}
