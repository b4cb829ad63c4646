import { useEffect, useState } from 'react';
import type { RelayState } from '../../../../shared/api/contract';
import { useBridge } from '../../api/BridgeProvider';
import { useQuery } from '../../lib/useQuery';

/** The session (dispatcher, device, settings), with the relay state kept live from `relay` events. */
export function useSession() {
  const { bridge } = useBridge();
  const query = useQuery('getSession', {}, ['setting']);
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
