import { useRef } from 'react';
import type { ApiInput, ApiOutput } from '../../../../shared/api/contract';
import type { ApiError } from '../../../../shared/api/result';
import type { Responder } from '../../../../shared/api/schemas';
import { useQuery } from '../../lib/useQuery';

export function useResponderList(filter: ApiInput<'listResponders'>) {
  return useQuery('listResponders', filter, ['responder']);
}

/** One responder; `null` skips the request. */
export function useResponder(id: string | null) {
  return useQuery('getResponder', id === null ? null : { id }, ['responder']);
}

type ResponderPage = ApiOutput<'pageResponders'>;

/** Rows per page of the roster list: a screenful many times over, small enough to send at once. */
export const ROSTER_PAGE = 100;

export type RosterPageFilter = Omit<ApiInput<'pageResponders'>, 'offset' | 'limit'>;

/** One page of the roster (`page` counts from 0); `null` skips it. */
export function useRosterPage(filter: RosterPageFilter, page: number | null) {
  return useQuery(
    'pageResponders',
    page === null ? null : { ...filter, offset: page * ROSTER_PAGE, limit: ROSTER_PAGE },
    ['responder'],
  );
}

export interface RosterWindow {
  /** Everyone matching, or undefined before the first answer. */
  total: number | undefined;
  population: number | undefined;
  /** The row at a position, if its page has arrived. */
  rowAt: (index: number) => Responder | undefined;
  loading: boolean;
  error: ApiError | null;
}

/**
 * The rows of positions [start, end) of the filtered roster, from at most two pages (a window is
 * never taller than a page). While a page for a new filter loads, the previous answer stays on
 * screen so the list does not flash empty.
 */
export function useRosterWindow(
  filter: RosterPageFilter,
  start: number,
  end: number,
): RosterWindow {
  const first = Math.floor(start / ROSTER_PAGE);
  const last = Math.floor(Math.max(start, end - 1) / ROSTER_PAGE);
  const a = useRosterPage(filter, first);
  const b = useRosterPage(filter, last === first ? null : last);
  const shown = useRef<ResponderPage | undefined>(undefined);
  if (a.data) shown.current = a.data;
  const pages = [a.data ?? shown.current, b.data];
  const top = pages[0];
  return {
    total: top?.total,
    population: top?.population,
    rowAt: (index) => {
      for (const p of pages) {
        if (p && index >= p.offset && index < p.offset + p.rows.length)
          return p.rows[index - p.offset];
      }
      return undefined;
    },
    loading: a.loading || b.loading,
    error: a.error ?? b.error,
  };
}
