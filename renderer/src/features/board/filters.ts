import type { ApiInput } from '../../../../shared/api/contract';
import type { IncidentStatus, IncidentType } from '../../../../shared/domain/vocabulary';

export type BoardScope = 'open' | 'history';
export interface BoardFilters {
  query: string;
  status: IncidentStatus | '';
  type: IncidentType | '';
  town: string;
}
export const NO_FILTERS: BoardFilters = { query: '', status: '', type: '', town: '' };

/** History is capped lower: it grows without bound and is searched, not scanned. */
export const BOARD_LIMITS: Record<BoardScope, number> = { open: 1000, history: 300 };

export function hasFilters(filters: BoardFilters): boolean {
  return (
    filters.query !== '' || filters.status !== '' || filters.type !== '' || filters.town !== ''
  );
}

/** The listIncidents request for the board. Status only narrows open incidents (history is closed). */
export function boardListInput(
  scope: BoardScope,
  filters: BoardFilters,
): ApiInput<'listIncidents'> {
  return {
    scope,
    query: filters.query,
    statuses: filters.status && scope === 'open' ? [filters.status] : [],
    types: filters.type ? [filters.type] : [],
    town: filters.town,
    limit: BOARD_LIMITS[scope],
  };
}
