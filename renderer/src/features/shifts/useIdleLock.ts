import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Calls `onIdle` once after `minutes` without keyboard, pointer or wheel input, while `active`.
 * Any input restarts the countdown.
 */
export function useIdleLock(active: boolean, minutes: number, onIdle: () => void): void {
  const callback = useRef(onIdle);
  useEffect(() => {
    callback.current = onIdle;
  });
  useEffect(() => {
    if (!active) return;
    const ms = Math.max(1, minutes) * 60_000;
    let timer = setTimeout(() => callback.current(), ms);
    let last = 0;
    const reset = () => {
      const now = Date.now();
      if (now - last < 1000) return; // pointermove fires a lot; one reset a second is plenty
      last = now;
      clearTimeout(timer);
      timer = setTimeout(() => callback.current(), ms);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, reset, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, reset);
    };
  }, [active, minutes]);
}
