import { useMemo } from 'react';
import type { ApiInput } from '../../../../shared/api/contract';
import { sortByUrgency } from '../../../../shared/domain/board';
import { useQuery } from '../../lib/useQuery';
import { useConsoleState } from '../../shell/ConsoleStore';
import { boardListInput } from './filters';

/** Incidents for the board, the map and the open count; one entry per filter combination. */
export function useIncidentList(filter: ApiInput<'listIncidents'>) {
  return useQuery('listIncidents', filter, ['incident']);
}

/** One incident with its reports, activity and team; `null` while nothing is selected. */
export function useIncidentDetail(id: string | null) {
  return useQuery('getIncident', id === null ? null : { id }, [
    'incident',
    'activity',
    'assignment',
  ]);
}

/** The board's incidents (scope and filters from the console store); open ones by urgency. */
export function useBoardIncidents() {
  const { scope, filters } = useConsoleState();
  const board = useIncidentList(boardListInput(scope, filters));
  const incidents = useMemo(
    () =>
      board.data ? (scope === 'open' ? sortByUrgency(board.data) : [...board.data]) : undefined,
    [board.data, scope],
  );
  return { incidents, error: board.error };
}
