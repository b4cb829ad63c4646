import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../../shared/api/result';
import type { BackendEvent } from '../../../shared/api/events';
import { QueryCache, queryKey, type PatchSpec } from './query-cache';

const changed = (...entities: string[]): BackendEvent => ({
  type: 'changed',
  origin: 'local',
  entities: entities.map((entity) => ({ entity, id: 'x' })) as never,
});
const changedIds = (entity: string, ...ids: string[]): BackendEvent => ({
  type: 'changed',
  origin: 'remote',
  entities: ids.map((id) => ({ entity, id })) as never,
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

  it('refetches at once only the entries a change event names, once more after a burst', async () => {
    const backend = fakeBackend();
    const cache = new QueryCache(backend.run);
    cache.subscribe('listIncidents', { scope: 'open' }, ['incident'], () => {});
    cache.subscribe('listResponders', {}, ['responder'], () => {});
    for (const call of backend.calls) call.resolve({ ok: true, value: [] });
    await flush();
    cache.handleEvent(changed('incident'));
    expect(backend.calls.map((c) => c.op)).toEqual([
      'listIncidents',
      'listResponders',
      'listIncidents',
    ]);
    // Two more while that refetch is in flight: one refetch after it lands, not two.
    cache.handleEvent(changed('incident'));
    cache.handleEvent(changed('incident'));
    expect(backend.calls).toHaveLength(3);
    backend.calls[2]!.resolve({ ok: true, value: ['first'] });
    await flush();
    expect(backend.calls).toHaveLength(4);
    backend.calls[3]!.resolve({ ok: true, value: ['second'] });
    await flush();
    expect(backend.calls).toHaveLength(4);
    expect(cache.getState(queryKey('listIncidents', { scope: 'open' })).data).toEqual(['second']);
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
    expect(backend.calls).toHaveLength(2);
  });
});

type Row = { id: string; v: number };
const rowsPatch: PatchSpec = {
  entity: 'incident',
  inputFor: (input, ids) => ({ ...(input as object), ids }),
  merge: (data, fresh, ids) => [
    ...(data as Row[]).filter((r) => !ids.includes(r.id)),
    ...(fresh as Row[]),
  ],
};

describe('QueryCache patches', () => {
  it('asks only for the changed rows and folds them into the answer', async () => {
    const backend = fakeBackend();
    const cache = new QueryCache(backend.run);
    const key = queryKey('listIncidents', { scope: 'open' });
    cache.subscribe('listIncidents', { scope: 'open' }, ['incident'], () => {}, {
      patch: rowsPatch,
    });
    backend.calls[0]!.resolve({
      ok: true,
      value: [
        { id: 'a', v: 1 },
        { id: 'b', v: 1 },
      ],
    });
    await flush();
    cache.handleEvent(changedIds('incident', 'b', 'c'));
    expect(backend.calls[1]!.input).toEqual({ scope: 'open', ids: ['b', 'c'] });
    // b changed, c is new: a is untouched.
    backend.calls[1]!.resolve({
      ok: true,
      value: [
        { id: 'b', v: 2 },
        { id: 'c', v: 1 },
      ],
    });
    await flush();
    expect(cache.getState(key).data).toEqual([
      { id: 'a', v: 1 },
      { id: 'b', v: 2 },
      { id: 'c', v: 1 },
    ]);
    expect(backend.calls).toHaveLength(2);
  });

  it('refetches the whole answer when the patch cannot tell', async () => {
    const backend = fakeBackend();
    const cache = new QueryCache(backend.run);
    cache.subscribe('listIncidents', {}, ['incident'], () => {}, {
      patch: { ...rowsPatch, merge: () => undefined },
    });
    backend.calls[0]!.resolve({ ok: true, value: [] });
    await flush();
    cache.handleEvent(changedIds('incident', 'a'));
    backend.calls[1]!.resolve({ ok: true, value: [] });
    await flush();
    expect(backend.calls.map((c) => c.input)).toEqual([{}, { ids: ['a'] }, {}]);
  });

  it('leaves alone an entry the changed entities do not concern', async () => {
    const backend = fakeBackend();
    const cache = new QueryCache(backend.run);
    cache.subscribe('getIncident', { id: 'a' }, ['incident'], () => {}, {
      concerns: (input, ref) => ref.id === (input as { id: string }).id,
    });
    backend.calls[0]!.resolve({ ok: true, value: 'A' });
    await flush();
    cache.handleEvent(changedIds('incident', 'b'));
    expect(backend.calls).toHaveLength(1);
    cache.handleEvent(changedIds('incident', 'a'));
    expect(backend.calls).toHaveLength(2);
  });
});
