import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/api/contract';
import type { ApiError, ApiResult } from '../../../shared/api/result';
import type { EntityName } from '../../../shared/api/events';
import { useBridge } from '../api/BridgeProvider';
import { QueryCache, queryKey, type QueryState, type SubscribeOptions } from './query-cache';

export interface ApiQuery<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  /** Refetches this entry for every component that shows it. */
  reload: () => void;
  /** Refetches unless a request is already in flight: for polling from several components. */
  revalidate: () => void;
}

const QueryCacheContext = createContext<QueryCache | null>(null);

/** One query cache for the console, fed by the bridge's change events and reconnects. */
export function QueryCacheProvider({ children }: { children: ReactNode }) {
  const { bridge, connected } = useBridge();
  const [cache] = useState(
    () =>
      new QueryCache((op, input) =>
        (bridge.api[op as ApiName] as (input: unknown) => Promise<ApiResult<unknown>>)(input),
      ),
  );
  useEffect(() => bridge.onEvent((event) => cache.handleEvent(event)), [bridge, cache]);
  const wasConnected = useRef(connected);
  useEffect(() => {
    if (connected && !wasConnected.current) cache.refetchAll();
    wasConnected.current = connected;
  }, [connected, cache]);
  return <QueryCacheContext.Provider value={cache}>{children}</QueryCacheContext.Provider>;
}

function useQueryCache(): QueryCache {
  const cache = useContext(QueryCacheContext);
  if (!cache) throw new Error('useQuery must be used inside <QueryCacheProvider>');
  return cache;
}

const SKIPPED: QueryState = { data: undefined, error: null, loading: false };

/**
 * The answer of `op(input)` from the shared cache, refetched (or patched, see `options`) when the
 * backend reports a change to one of `refreshOn`. Pass input `null` to skip the query. Feature
 * `queries.ts` files wrap this in one typed hook per operation; components do not call it
 * directly. `options` must be a stable object (a module constant): the entry keeps the first.
 */
export function useQuery<N extends ApiName>(
  op: N,
  input: ApiInput<N> | null,
  refreshOn: readonly EntityName[],
  options?: SubscribeOptions,
): ApiQuery<ApiOutput<N>> {
  const cache = useQueryCache();
  const key = input === null ? null : queryKey(op, input);
  const inputRef = useRef(input);
  inputRef.current = input;
  const watched = refreshOn.join(',');

  const subscribe = useCallback(
    (listener: () => void) => {
      if (key === null) return () => {};
      const entities = watched ? (watched.split(',') as EntityName[]) : [];
      return cache.subscribe(op, inputRef.current, entities, listener, options);
    },
    [cache, op, key, watched, options],
  );
  const state = useSyncExternalStore(subscribe, () =>
    key === null ? SKIPPED : cache.getState(key),
  );
  const reload = useCallback(() => {
    if (key !== null) void cache.refetch(key);
  }, [cache, key]);
  const revalidate = useCallback(() => {
    if (key !== null) void cache.fetch(key);
  }, [cache, key]);

  if (key === null) return { data: undefined, error: null, loading: false, reload, revalidate };
  return {
    data: state.data as ApiOutput<N> | undefined,
    error: state.error,
    // Before the first answer arrives the entry is loading even if the request has not started.
    loading: state.loading || (state.data === undefined && state.error === null),
    reload,
    revalidate,
  };
}

/** Writes what an operation answered into a watched entry (see QueryCache.updateData). */
export function useQueryUpdate() {
  const cache = useQueryCache();
  return useCallback(
    <N extends ApiName>(op: N, input: ApiInput<N>, fn: (data: ApiOutput<N>) => ApiOutput<N>) =>
      cache.updateData(op, input, (data) => fn(data as ApiOutput<N>)),
    [cache],
  );
}
