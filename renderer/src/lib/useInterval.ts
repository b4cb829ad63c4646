import { useEffect } from 'react';

/** Calls `callback` every `ms` while mounted; `ms <= 0` disables it. Pass a stable callback. */
export function useInterval(callback: () => void, ms: number): void {
  useEffect(() => {
    if (ms <= 0) return;
    const timer = setInterval(callback, ms);
    return () => clearInterval(timer);
  }, [callback, ms]);
}
