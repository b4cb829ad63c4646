import type { ApiError, ApiResult } from '../../../shared/api/result';
import type { BackendEvent, EntityName } from '../../../shared/api/events';

/** One entity a change event names (`via`: only mentioned by an activity entry or assignment). */
export interface EntityRef {
  entity: EntityName;
  id: string;
  via?: 'activity' | 'assignment' | undefined;
}

/** For lists of rows: a mention (a note about an incident) leaves the rows as they were. */
export const rowChanges = (_input: unknown, ref: EntityRef): boolean => !ref.via;

/** A change naming more entities than this is refetched whole, not patched. */
export const MAX_PATCH_IDS = 100;

/**
 * How an entry learns of a change at the size of the change: it asks for just the changed
 * entities (with its own filters) and folds the answer into what it holds.
 */
export interface PatchSpec {
  entity: EntityName;
  /** The entry's input narrowed to these entities. */
  inputFor(input: unknown, ids: readonly string[]): unknown;
  /** The entry's answer with the fresh rows in place; undefined when only a refetch can tell. */
  merge(data: unknown, fresh: unknown, ids: readonly string[], input: unknown): unknown;
}

export interface SubscribeOptions {
  /** Which of the named entities concern this entry (default: every one of a watched kind). */
  concerns?: (input: unknown, ref: EntityRef) => boolean;
  patch?: PatchSpec;
  /**
   * Asked for ahead of other entries after a change (the backend answers in order): what the
   * dispatcher is reading, such as the open incident's timeline and the board's rows.
   */
  first?: boolean;
}

export interface QueryState<T = unknown> {
  data: T | undefined;
  error: ApiError | null;
  /** True while a request for this entry is in flight (data, if any, is the previous answer). */
  loading: boolean;
}

/** Runs one contract operation; in the app this is `bridge.api[op](input)`. */
export type RunOperation = (op: string, input: unknown) => Promise<ApiResult<unknown>>;

interface Entry {
  key: string;
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
  options: SubscribeOptions;
  /** Changes announced while a request was in flight: applied when it lands. */
  stale: { whole: boolean; ids: Set<string> };
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
    options: SubscribeOptions = {},
  ): () => void {
    const key = queryKey(op, input);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        key,
        op,
        input,
        state: IDLE,
        refreshOn: new Set(),
        listeners: new Set(),
        generation: 0,
        inFlight: null,
        collectTimer: null,
        options,
        stale: { whole: false, ids: new Set() },
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

  /**
   * Folds what a write answered into a watched entry at once (a note into its incident's
   * timeline), so the writer sees it without waiting for the refetch its change event starts.
   */
  updateData(op: string, input: unknown, fn: (data: unknown) => unknown): void {
    const entry = this.entries.get(queryKey(op, input));
    if (!entry || entry.state.data === undefined) return;
    this.update(entry, { ...entry.state, data: fn(entry.state.data) });
  }

  /** Every watched entry, refetched (after a lost connection comes back). */
  refetchAll(): void {
    for (const key of this.entries.keys()) void this.refetch(key);
  }

  /**
   * Feeds one backend event. Each entry the event concerns is brought up to date at once: by a
   * patch of just the changed entities when it has one, else by a refetch. A change announced
   * while the entry's request is in flight waits for it, so a burst (an import, a sync catching
   * up) costs one request in flight and one after it, with no delay put under a single change.
   */
  handleEvent(event: BackendEvent): void {
    if (event.type !== 'changed') return;
    const entries = [...this.entries.values()];
    const ordered = [
      ...entries.filter((e) => e.options.first),
      ...entries.filter((e) => !e.options.first),
    ];
    for (const entry of ordered) {
      const refs = event.entities.filter(
        (ref) =>
          entry.refreshOn.has(ref.entity) && (entry.options.concerns?.(entry.input, ref) ?? true),
      );
      if (refs.length === 0) continue;
      const patch = entry.options.patch;
      if (patch && refs.every((ref) => ref.entity === patch.entity)) {
        for (const ref of refs) entry.stale.ids.add(ref.id);
      } else {
        entry.stale.whole = true;
      }
      if (!entry.inFlight) void this.catchUp(entry);
    }
  }

  dispose(): void {
    for (const entry of this.entries.values()) {
      if (entry.collectTimer) clearTimeout(entry.collectTimer);
    }
    this.entries.clear();
  }

  /** Applies the changes waiting on `entry`: a patch when it can, a refetch otherwise. */
  private catchUp(entry: Entry): Promise<void> {
    const { whole, ids } = entry.stale;
    entry.stale = { whole: false, ids: new Set() };
    const patch = entry.options.patch;
    if (!whole && ids.size === 0) return Promise.resolve();
    if (whole || !patch || ids.size > MAX_PATCH_IDS || entry.state.data === undefined)
      return this.request(entry);
    return this.patch(entry, patch, [...ids]);
  }

  private patch(entry: Entry, patch: PatchSpec, ids: string[]): Promise<void> {
    const generation = ++entry.generation;
    const done = this.run(entry.op, patch.inputFor(entry.input, ids)).then(
      (result) => {
        if (entry.generation !== generation) return;
        const merged = result.ok
          ? patch.merge(entry.state.data, result.value, ids, entry.input)
          : undefined;
        if (merged === undefined) entry.stale.whole = true;
        else this.update(entry, { data: merged, error: null, loading: false });
      },
      () => {
        if (entry.generation === generation) entry.stale.whole = true;
      },
    );
    return this.track(entry, done);
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
    return this.track(entry, done);
  }

  /** Marks `done` as the entry's request in flight; once it lands, waiting changes are applied. */
  private track(entry: Entry, done: Promise<void>): Promise<void> {
    const settled = done.finally(() => {
      if (entry.inFlight !== settled) return;
      entry.inFlight = null;
      if (this.entries.get(entry.key) === entry) void this.catchUp(entry);
    });
    entry.inFlight = settled;
    return settled;
  }

  private update(entry: Entry, state: QueryState): void {
    entry.state = state;
    for (const listener of entry.listeners) listener();
  }
}
