import { useEffect, useState } from 'react';
import type { RelayState, Session } from '../../../shared/api/contract';
import { useBridge } from '../api/BridgeProvider';
import { useApiQuery, type ApiQuery } from './useApiQuery';

/** The session (dispatcher, device, settings), with the relay state kept live from `relay` events. */
export function useSession(): ApiQuery<Session> & { relay: RelayState | undefined } {
  const { bridge } = useBridge();
  const query = useApiQuery('session', () => bridge.api.getSession({}), ['setting']);
  const [liveRelay, setLiveRelay] = useState<RelayState | undefined>(undefined);
  useEffect(
    () =>
      bridge.onEvent((event) => {
        if (event.type === 'relay') setLiveRelay(event.relay);
      }),
    [bridge],
  );
  return { ...query, relay: liveRelay ?? query.data?.relay };
}
