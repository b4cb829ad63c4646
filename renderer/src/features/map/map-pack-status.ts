import { useEffect, useState } from 'react';
import type { MapPackStatus } from '../../../../shared/api/map-pack';
import { useBridge } from '../../api/BridgeProvider';

type Installed = MapPackStatus['installed'];

/**
 * The installed street pack as the whole window sees it: read once, and replaced when settings or
 * a dropped file installs another, so the street layer and pin snapping follow without a reload.
 */
let current: Installed | undefined;
const listeners = new Set<(status: Installed) => void>();

export function publishMapPackStatus(status: Installed): void {
  current = status;
  for (const listener of listeners) listener(status);
}

export function useMapPackStatus(): Installed {
  const { bridge } = useBridge();
  const [status, setStatus] = useState<Installed>(current ?? null);
  useEffect(() => {
    listeners.add(setStatus);
    if (current === undefined)
      void bridge.api.getMapPackStatus({}).then((r) => {
        if (r.ok) publishMapPackStatus(r.value.installed);
      });
    else setStatus(current);
    return () => {
      listeners.delete(setStatus);
    };
  }, [bridge]);
  return status;
}
