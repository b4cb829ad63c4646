import { useEffect } from 'react';
import type { SyncStatus } from '../../../../shared/api/contract';
import { useBridge } from '../../api/BridgeProvider';
import { useApiQuery, type ApiQuery } from '../../lib/useApiQuery';

/**
 * getSyncStatus, loaded on mount and refetched on every `relay` event (state, queue, peers) and
 * on changes (conflicts arrive as `changed` on incidents). `pollMs` also polls, for the details
 * that have no event of their own (problems, waiting changes) while the network dialog is open.
 */
export function useSyncStatus(pollMs = 0): ApiQuery<SyncStatus> {
  const { bridge } = useBridge();
  const query = useApiQuery('sync-status', () => bridge.api.getSyncStatus({}), [
    'incident',
    'assignment',
    'activity',
    'setting',
  ]);
  const { reload } = query;
  useEffect(
    () =>
      bridge.onEvent((event) => {
        if (event.type === 'relay') reload();
      }),
    [bridge, reload],
  );
  useEffect(() => {
    if (pollMs <= 0) return;
    const timer = setInterval(reload, pollMs);
    return () => clearInterval(timer);
  }, [pollMs, reload]);
  return query;
}
