import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../../shared/api/result';
import type { BackendEvent } from '../../../shared/api/events';
import { CHANGE_DEBOUNCE_MS, QueryCache, keysToRefresh, queryKey } from './query-cache';

const changed = (...entities: string[]): BackendEvent => ({
  type: 'changed',
  origin: 'local',
  entities: entities.map((entity) => ({ entity, id: 'x' })) as never,
});

/** A fake backend whose answers the test releases one by one. */
function fakeBackend() {
  const calls: { op: string; input: unknown; resolve: (r: ApiResult<unknown>) => void }[] = [];
  const run = (op: string, input: unknown) =>
    new Promise<ApiResult<unknown>>((resolve) => calls.push({ op, input, resolve }));
  return { calls, run };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('queryKey', () => {
  it('names the same (operation, input) the same whatever the key order', () => {
    expect(queryKey('listIncidents', { scope: 'open', limit: 5 })).toBe(
      queryKey('listIncidents', { limit: 5, scope: 'open' }),
    );
  });
  it('tells different inputs and operations apart', () => {
    expect(queryKey('listIncidents', { scope: 'open' })).not.toBe(
      queryKey('listIncidents', { scope: 'history' }),
    );
    expect(queryKey('getIncident', { id: 'a' })).not.toBe(queryKey('getResponder', { id: 'a' }));
    expect(queryKey('x', { list: [1, 2] })).not.toBe(queryKey('x', { list: [2, 1] }));
  });
  it('treats an omitted field and an undefined one alike', () => {
    expect(queryKey('x', { a: 1, b: undefined })).toBe(queryKey('x', { a: 1 }));
  });
});

describe('keysToRefresh', () => {
  it('picks the entries that depend on a changed entity', () => {
    const entries: [string, { refreshOn: Set<'incident' | 'responder' | 'assignment'> }][] = [
      ['board', { refreshOn: new Set(['incident']) }],
      ['roster', { refreshOn: new Set(['responder']) }],
      ['team', { refreshOn: new Set(['assignment', 'responder']) }],
    ];
    expect(keysToRefresh(entries, new Set(['responder']))).toEqual(['roster', 'team']);
    expect(keysToRefresh(entries, new Set(['shift']))).toEqual([]);
  });
});

describe('QueryCache', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('sends one request for two watchers of the same key and gives both the answer', async () => {
    const backend = fakeBackend();
    const cache = new QueryCache(backend.run);
    const a = vi.fn();
    const b = vi.fn();
    cache.subscribe('listResponders', {}, ['responder'], a);
    cache.subscribe('listResponders', {}, ['responder'], b);
    expect(backend.calls).toHaveLength(1);
    backend.calls[0]!.resolve({ ok: true, value: ['Ana Fictional'] });
    await flush();
    expect(cache.getState(queryKey('listResponders', {}))).toEqual({
      data: ['Ana Fictional'],
      error: null,
      loading: false,
    });
    expect(a).toHaveBeenCalled();
    expect(b).toHaveBeenCalled();
  });

  it('refetches, once per burst, only the entries a change event names', async () => {
    const backend = fakeBackend();
    const cache = new QueryCache(backend.run);
    cache.subscribe('listIncidents', { scope: 'open' }, ['incident'], () => {});
    cache.subscribe('listResponders', {}, ['responder'], () => {});
    for (const call of backend.calls) call.resolve({ ok: true, value: [] });
    await flush();
    cache.handleEvent(changed('incident'));
    cache.handleEvent(changed('incident'));
    expect(backend.calls).toHaveLength(2);
    vi.advanceTimersByTime(CHANGE_DEBOUNCE_MS);
    expect(backend.calls.map((c) => c.op)).toEqual([
      'listIncidents',
      'listResponders',
      'listIncidents',
    ]);
  });

  it('keeps the previous answer while refetching and after a failed refetch', async () => {
    const backend = fakeBackend();
    const cache = new QueryCache(backend.run);
    const key = queryKey('getSession', {});
    cache.subscribe('getSession', {}, ['setting'], () => {});
    backend.calls[0]!.resolve({ ok: true, value: 'first' });
    await flush();
    void cache.refetch(key);
    expect(cache.getState(key)).toMatchObject({ data: 'first', loading: true });
    backend.calls[1]!.resolve({ ok: false, error: { code: 'internal', message: 'disk full' } });
    await flush();
    expect(cache.getState(key)).toEqual({
      data: 'first',
      error: { code: 'internal', message: 'disk full' },
      loading: false,
    });
  });

  it('drops an answer overtaken by a newer request', async () => {
    const backend = fakeBackend();
    const cache = new QueryCache(backend.run);
    const key = queryKey('getSession', {});
    cache.subscribe('getSession', {}, ['setting'], () => {});
    void cache.refetch(key);
    backend.calls[1]!.resolve({ ok: true, value: 'newer' });
    await flush();
    backend.calls[0]!.resolve({ ok: true, value: 'older' });
    await flush();
    expect(cache.getState(key).data).toBe('newer');
  });

  it('forgets an entry nobody watches, so a later watcher fetches afresh', async () => {
    const backend = fakeBackend();
    const cache = new QueryCache(backend.run);
    const key = queryKey('getIncident', { id: 'a' });
    const stop = cache.subscribe('getIncident', { id: 'a' }, ['incident'], () => {});
    backend.calls[0]!.resolve({ ok: true, value: 'A' });
    await flush();
    stop();
    vi.advanceTimersByTime(0);
    expect(cache.getState(key).data).toBeUndefined();
    cache.subscribe('getIncident', { id: 'a' }, ['incident'], () => {});
    expect(backend.calls).toHaveLength(2);
  });

  it('keeps an entry re-watched in the same tick without a second request', () => {
    const backend = fakeBackend();
    const cache = new QueryCache(backend.run);
    const stop = cache.subscribe('getShiftState', {}, ['shift'], () => {});
    stop();
    cache.subscribe('getShiftState', {}, ['shift'], () => {});
    vi.advanceTimersByTime(0);
    expect(backend.calls).toHaveLength(1);
  });

  it('refreshes on the union of what its watchers asked for', async () => {
    const backend = fakeBackend();
    const cache = new QueryCache(backend.run);
    cache.subscribe('getIncident', { id: 'a' }, ['incident'], () => {});
    cache.subscribe('getIncident', { id: 'a' }, ['activity'], () => {});
    backend.calls[0]!.resolve({ ok: true, value: 'A' });
    await flush();
    cache.handleEvent(changed('activity'));
    vi.advanceTimersByTime(CHANGE_DEBOUNCE_MS);
    expect(backend.calls).toHaveLength(2);
  });
});

describe('QueryCache change bursts', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('events about other entities do not delay an entry’s refetch', async () => {
    const backend = fakeBackend();
    const cache = new QueryCache(backend.run);
    cache.subscribe('listAssignments', {}, ['assignment'], () => {});
    backend.calls[0]!.resolve({ ok: true, value: [] });
    await flush();
    cache.handleEvent(changed('assignment'));
    vi.advanceTimersByTime(CHANGE_DEBOUNCE_MS - 10);
    cache.handleEvent(changed('timing'));
    vi.advanceTimersByTime(10);
    expect(backend.calls).toHaveLength(2);
  });
});
