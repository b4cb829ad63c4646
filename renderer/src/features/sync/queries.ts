import { useEffect } from 'react';
import { useBridge } from '../../api/BridgeProvider';
import { useInterval } from '../../lib/useInterval';
import { useQuery } from '../../lib/useQuery';

/**
 * getSyncStatus, refetched on every `relay` event (state, queue, peers) and on changes (conflicts
 * arrive as `changed` on incidents). `pollMs` also polls, for the details that have no event of
 * their own (problems, waiting changes) while the network dialog is open.
 */
export function useSyncStatus(pollMs = 0) {
  const { bridge } = useBridge();
  const query = useQuery('getSyncStatus', {}, ['incident', 'assignment', 'activity', 'setting']);
  const { reload } = query;
  useEffect(
    () =>
      bridge.onEvent((event) => {
        if (event.type === 'relay') reload();
      }),
    [bridge, reload],
  );
  useInterval(query.revalidate, pollMs);
  return query;
}

/** Open sync conflicts on one incident. */
export function useConflictList(incidentId: string) {
  return useQuery('listConflicts', { incidentId }, ['incident', 'assignment', 'activity']);
}
