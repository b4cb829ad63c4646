import type { ApiError, ApiResult } from '../../../shared/api/result';
import type { BackendEvent, EntityName } from '../../../shared/api/events';

/** Change events arriving within this window collapse into one refetch per entry. */
export const CHANGE_DEBOUNCE_MS = 100;

export interface QueryState<T = unknown> {
  data: T | undefined;
  error: ApiError | null;
  /** True while a request for this entry is in flight (data, if any, is the previous answer). */
  loading: boolean;
}

/** Runs one contract operation; in the app this is `bridge.api[op](input)`. */
export type RunOperation = (op: string, input: unknown) => Promise<ApiResult<unknown>>;

interface Entry {
  op: string;
  input: unknown;
  state: QueryState;
  /** Union of what every subscriber asked to be refreshed on. */
  refreshOn: Set<EntityName>;
  listeners: Set<() => void>;
  /** Bumped per request so that an answer overtaken by a newer request is dropped. */
  generation: number;
  inFlight: Promise<void> | null;
  collectTimer: ReturnType<typeof setTimeout> | null;
  changeTimer: ReturnType<typeof setTimeout> | null;
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` name the same entry. */
function stableJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(record[k])}`).join(',')}}`;
}

/** The cache key of one (operation, input) pair. */
export function queryKey(op: string, input: unknown): string {
  return `${op}:${stableJson(input)}`;
}

/** The keys among `entries` to refetch after a change to `changed` entities. */
export function keysToRefresh(
  entries: Iterable<[string, { refreshOn: ReadonlySet<EntityName> }]>,
  changed: ReadonlySet<EntityName>,
): string[] {
  const keys: string[] = [];
  for (const [key, entry] of entries) {
    for (const entity of entry.refreshOn) {
      if (changed.has(entity)) {
        keys.push(key);
        break;
      }
    }
  }
  return keys;
}

const IDLE: QueryState = { data: undefined, error: null, loading: false };

/**
 * One shared store of contract-operation answers keyed by (operation, input). Components that
 * ask for the same key share one entry and one request; an entry is refetched when the backend
 * announces a change to an entity it depends on, and dropped once nobody watches it, so an answer
 * is never served from a time nobody was listening for changes.
 */
export class QueryCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly run: RunOperation) {}

  getState(key: string): QueryState {
    return this.entries.get(key)?.state ?? IDLE;
  }

  /**
   * Watches `key`; the first watcher (or one arriving after the entry was dropped) starts the
   * request. Returns the unsubscribe function.
   */
  subscribe(
    op: string,
    input: unknown,
    refreshOn: readonly EntityName[],
    listener: () => void,
  ): () => void {
    const key = queryKey(op, input);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        op,
        input,
        state: IDLE,
        refreshOn: new Set(),
        listeners: new Set(),
        generation: 0,
        inFlight: null,
        collectTimer: null,
        changeTimer: null,
      };
      this.entries.set(key, entry);
    }
    if (entry.collectTimer) clearTimeout(entry.collectTimer);
    entry.collectTimer = null;
    for (const entity of refreshOn) entry.refreshOn.add(entity);
    entry.listeners.add(listener);
    if (entry.generation === 0) void this.fetch(key);
    const watched = entry;
    return () => {
      watched.listeners.delete(listener);
      if (watched.listeners.size > 0) return;
      // Deferred so a component that re-subscribes in the same tick (React StrictMode, a key
      // flip-flop) keeps the entry instead of refetching it.
      watched.collectTimer = setTimeout(() => {
        if (watched.listeners.size === 0 && this.entries.get(key) === watched) {
          this.entries.delete(key);
        }
      }, 0);
    };
  }

  /** Refetches one entry now; concurrent calls share the request already in flight. */
  fetch(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return Promise.resolve();
    if (entry.inFlight) return entry.inFlight;
    return this.request(entry);
  }

  /** Refetches one entry even if a request is in flight (its answer may predate a change). */
  refetch(key: string): Promise<void> {
    const entry = this.entries.get(key);
    return entry ? this.request(entry) : Promise.resolve();
  }

  /** Every watched entry, refetched (after a lost connection comes back). */
  refetchAll(): void {
    for (const key of this.entries.keys()) void this.refetch(key);
  }

  /**
   * Feeds one backend event. Each entry the event concerns refetches once its own burst of
   * events pauses for CHANGE_DEBOUNCE_MS (an import or a sync catching up is one refetch), so
   * events about other entities never delay it.
   */
  handleEvent(event: BackendEvent): void {
    if (event.type !== 'changed') return;
    const changed = new Set(event.entities.map((e) => e.entity));
    for (const key of keysToRefresh(this.entries, changed)) {
      const entry = this.entries.get(key)!;
      if (entry.changeTimer) clearTimeout(entry.changeTimer);
      entry.changeTimer = setTimeout(() => {
        entry.changeTimer = null;
        if (this.entries.get(key) === entry) void this.refetch(key);
      }, CHANGE_DEBOUNCE_MS);
    }
  }

  dispose(): void {
    for (const entry of this.entries.values()) {
      if (entry.collectTimer) clearTimeout(entry.collectTimer);
      if (entry.changeTimer) clearTimeout(entry.changeTimer);
    }
    this.entries.clear();
  }

  private request(entry: Entry): Promise<void> {
    const generation = ++entry.generation;
    this.update(entry, { ...entry.state, loading: true });
    const done = this.run(entry.op, entry.input).then(
      (result) => {
        if (entry.generation !== generation) return;
        this.update(
          entry,
          result.ok
            ? { data: result.value, error: null, loading: false }
            : { data: entry.state.data, error: result.error, loading: false },
        );
      },
      (err: unknown) => {
        if (entry.generation !== generation) return;
        const message = err instanceof Error ? err.message : String(err);
        this.update(entry, {
          ...entry.state,
          error: { code: 'internal', message },
          loading: false,
        });
      },
    );
    const settled = done.finally(() => {
      if (entry.inFlight === settled) entry.inFlight = null;
    });
    entry.inFlight = settled;
    return settled;
  }

  private update(entry: Entry, state: QueryState): void {
    entry.state = state;
    for (const listener of entry.listeners) listener();
  }
}
