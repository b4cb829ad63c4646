import { useEffect, useRef } from 'react';
import type { EntityName } from '../../../shared/api/events';
import { useBridge } from '../api/BridgeProvider';

export const CHANGE_DEBOUNCE_MS = 100;

/**
 * Calls `onChange` (debounced) when the backend reports a change to any of `entities`.
 * Bursts of events (an import, a sync catching up) collapse into one refetch.
 */
export function useChangedEvents(entities: readonly EntityName[], onChange: () => void): void {
  const { bridge } = useBridge();
  const callback = useRef(onChange);
  useEffect(() => {
    callback.current = onChange;
  });
  const watched = entities.join(',');

  useEffect(() => {
    const names = new Set(watched.split(','));
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = bridge.onEvent((event) => {
      if (event.type !== 'changed' || !event.entities.some((e) => names.has(e.entity))) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        callback.current();
      }, CHANGE_DEBOUNCE_MS);
    });
    return () => {
      if (timer) clearTimeout(timer);
      unsubscribe();
    };
  }, [bridge, watched]);
}
