import type { ApiInput, ApiOutput } from '../../../../shared/api/contract';
import { useQuery } from '../../lib/useQuery';

export function useResponderList(filter: ApiInput<'listResponders'>) {
  return useQuery('listResponders', filter, ['responder']);
}

/** One responder; `null` skips the request. */
export function useResponder(id: string | null) {
  return useQuery('getResponder', id === null ? null : { id }, ['responder']);
}

/** Every active responder as a map point (all of them: the map clusters them). */
export function useResponderPoints() {
  return useQuery('listResponderPoints', {}, ['responder']);
}

export type ResponderPoint = ApiOutput<'listResponderPoints'>[number];
