import type { ApiInput } from '../../../../shared/api/contract';
import { rowChanges, type SubscribeOptions } from '../../lib/query-cache';
import { useQuery } from '../../lib/useQuery';
import { useConsoleState } from '../../shell/ConsoleStore';
import { boardFilterInput } from './filters';
import { INCIDENT_LIST_PATCH } from './list-patch';

/** Rows per board page: a page is what one refetch costs after a change. */
export const BOARD_PAGE_SIZE = 30;

/** Lists show incident rows: a note or an assignment about an incident leaves them as they were. */
const LIST_OPTIONS: SubscribeOptions = { patch: INCIDENT_LIST_PATCH, concerns: rowChanges };
const ROWS_OPTIONS: SubscribeOptions = { concerns: rowChanges, first: true };
/** A detail refetches when its own incident changes (a note, a status, its team), no other. */
const DETAIL_OPTIONS: SubscribeOptions = {
  concerns: (input, ref) => ref.entity === 'incident' && ref.id === (input as { id: string }).id,
  first: true,
};

/** Incidents matching `filter`, newest first; a change is patched in, not refetched whole. */
export function useIncidentList(filter: ApiInput<'listIncidents'>) {
  return useQuery('listIncidents', filter, ['incident'], LIST_OPTIONS);
}

/** One incident with its reports, activity and team; `null` while nothing is selected. */
export function useIncidentDetail(id: string | null) {
  return useQuery(
    'getIncident',
    id === null ? null : { id },
    ['incident', 'activity', 'assignment'],
    DETAIL_OPTIONS,
  );
}

/** One page of the board (`null`: none), in the board's order, with the filter's total. */
export function useIncidentPage(filter: ApiInput<'countIncidents'>, page: number | null) {
  return useQuery(
    'listIncidentPage',
    page === null ? null : { ...filter, offset: page * BOARD_PAGE_SIZE, limit: BOARD_PAGE_SIZE },
    ['incident'],
    ROWS_OPTIONS,
  );
}

/** How many incidents a filter matches, counted by the backend (the status bar's open count). */
export function useIncidentCount(filter: ApiInput<'countIncidents'>) {
  return useQuery('countIncidents', filter, ['incident'], ROWS_OPTIONS);
}

/** The board's scope and filters as the backend's filter. */
export function useBoardFilter(): ApiInput<'countIncidents'> {
  const { scope, filters } = useConsoleState();
  return boardFilterInput(scope, filters);
}
