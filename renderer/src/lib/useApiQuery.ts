import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, ApiResult } from '../../../shared/api/result';
import type { EntityName } from '../../../shared/api/events';
import { useBridge } from '../api/BridgeProvider';
import { useChangedEvents } from './useChangedEvents';

export interface ApiQuery<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` (one typed `bridge.api.<operation>` call) when `key` changes, again when the
 * backend reports a change to one of `refreshOn`, and after a lost connection comes back.
 * Earlier answers that arrive late are ignored. Pass key `null` to skip loading.
 */
export function useApiQuery<T>(
  key: string | null,
  load: () => Promise<ApiResult<T>>,
  refreshOn: readonly EntityName[],
): ApiQuery<T> {
  const { connected } = useBridge();
  const [state, setState] = useState<{
    key: string | null;
    data: T | undefined;
    error: ApiError | null;
    loading: boolean;
  }>({ key, data: undefined, error: null, loading: key !== null });
  const [generation, setGeneration] = useState(0);
  const loader = useRef(load);
  useEffect(() => {
    loader.current = load;
  });
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useChangedEvents(refreshOn, reload);

  const wasConnected = useRef(connected);
  useEffect(() => {
    if (connected && !wasConnected.current) reload();
    wasConnected.current = connected;
  }, [connected, reload]);

  useEffect(() => {
    if (key === null) return;
    let current = true;
    setState((s) =>
      s.key === key
        ? { ...s, loading: true }
        : { key, data: undefined, error: null, loading: true },
    );
    loader.current().then(
      (result) => {
        if (!current) return;
        setState(
          result.ok
            ? { key, data: result.value, error: null, loading: false }
            : (s) => ({
                key,
                data: s.key === key ? s.data : undefined,
                error: result.error,
                loading: false,
              }),
        );
      },
      (err: unknown) => {
        if (!current) return;
        const message = err instanceof Error ? err.message : String(err);
        setState((s) => ({ ...s, key, error: { code: 'internal', message }, loading: false }));
      },
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  if (key === null) return { data: undefined, error: null, loading: false, reload };
  const fresh = state.key === key;
  return {
    data: fresh ? state.data : undefined,
    error: fresh ? state.error : null,
    loading: !fresh || state.loading,
    reload,
  };
}
