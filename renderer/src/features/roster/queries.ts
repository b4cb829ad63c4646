import type { ApiInput } from '../../../../shared/api/contract';
import { useQuery } from '../../lib/useQuery';

export function useResponderList(filter: ApiInput<'listResponders'>) {
  return useQuery('listResponders', filter, ['responder']);
}

/** One responder; `null` skips the request. */
export function useResponder(id: string | null) {
  return useQuery('getResponder', id === null ? null : { id }, ['responder']);
}
