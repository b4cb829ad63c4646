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

export function hasFilters(filters: BoardFilters): boolean {
  return (
    filters.query !== '' || filters.status !== '' || filters.type !== '' || filters.town !== ''
  );
}

/** The backend filter for the board. Status only narrows open incidents (history is closed). */
export function boardFilterInput(
  scope: BoardScope,
  filters: BoardFilters,
): ApiInput<'countIncidents'> {
  return {
    scope,
    query: filters.query,
    statuses: filters.status && scope === 'open' ? [filters.status] : [],
    types: filters.type ? [filters.type] : [],
    town: filters.town,
  };
}
