import { useEffect, useState } from 'react';
import type { ApiInput } from '../../../../shared/api/contract';
import { rowChanges, type SubscribeOptions } from '../../lib/query-cache';
import { useQuery } from '../../lib/useQuery';
import { useConsoleState } from '../../shell/ConsoleStore';
import { NO_FILTERS, boardFilterInput } from './filters';
import { INCIDENT_LIST_PATCH } from './list-patch';

/** The map draws every incident the board's filters match (clustered), not the board's page. */
const MAP_INCIDENT_LIMIT = 20_000;
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

/** How long the map waits for typing in the board's search box to pause before it follows. */
const MAP_SEARCH_PAUSE_MS = 250;

/**
 * The incidents the map draws: the board's filters, without the board's paging. The map follows
 * the search box once typing pauses (the first letters match nearly everything, and redrawing
 * thousands of markers per keystroke would slow the board's own answer); the other filters at once.
 */
export function useMapIncidents() {
  const filter = useBoardFilter();
  const [query, setQuery] = useState(filter.query);
  useEffect(() => {
    if (filter.query === query) return;
    const timer = setTimeout(() => setQuery(filter.query), filter.query ? MAP_SEARCH_PAUSE_MS : 0);
    return () => clearTimeout(timer);
  }, [filter.query, query]);
  return useIncidentList({ ...filter, query, limit: MAP_INCIDENT_LIMIT }).data;
}

/** Every open incident (drop targets, the keyboard assign dialog): the unfiltered map's entry. */
export function useOpenIncidents() {
  return useIncidentList({ ...boardFilterInput('open', NO_FILTERS), limit: MAP_INCIDENT_LIMIT });
}
