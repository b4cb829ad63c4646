import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleBackend } from '../../backend/console-backend';
import { syncControllerFor } from '../../backend/sync/controller';
import { harness, settled, status, waitFor, type Harness } from './sync-helpers';
import { sampleIncident, value } from './helpers';

/**
 * Bounded history: a console seals a snapshot of the network state; a new console starts from
 * it and reads only the tail; the relay deletes the blobs it covers after the retention period;
 * a console offline since before the snapshot converges from it and keeps its unsent changes.
 */
let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

const NETWORK = 'pioneer-valley';
const engine = (c: ConsoleBackend) => syncControllerFor(c.ctx).running!;

async function makeIncidents(c: ConsoleBackend, count: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push(
      value(await c.call('createIncident', { ...sampleIncident, description: `${tag} ${i}` })).id,
    );
  return ids;
}

/**
 * The shared state: the state tables (op logs differ: a snapshot carries no op history), caller
 * contact aside (it stays on the console it was typed on, snapshots included).
 */
function visibleState(c: ConsoleBackend): Record<string, unknown[]> {
  const sqlite = c.ctx.db.$client;
  return Object.fromEntries(
    ['incidents', 'responders', 'assignments', 'settings', 'activity_log'].map((t) => [
      t,
      (sqlite.prepare(`SELECT * FROM ${t} ORDER BY id`).all() as Record<string, unknown>[]).map(
        ({ reporter_name: _n, reporter_phone: _p, ...rest }) => rest,
      ),
    ]),
  );
}

const callerNames = (c: ConsoleBackend) =>
  c.ctx.db.$client
    .prepare("SELECT count(*) AS n FROM incidents WHERE reporter_name != ''")
    .get() as { n: number };

async function sealSnapshot(relay: Harness, c: ConsoleBackend): Promise<number> {
  await settled([c]);
  const at = status(c).lastSeq;
  // Not while a periodic catch-up is under way: it seals once that page is in.
  await waitFor(() => engine(c).sealSnapshot(), 'the console to seal a snapshot');
  await waitFor(
    () => (relay.relay.store.snapshots!.snapshotSeq(NETWORK) ?? 0) >= at,
    'the relay to hold the snapshot',
  );
  return at;
}

describe('snapshots and bounded history', () => {
  it('a console joining after 2,000 changes with a snapshot at 1,500 converges reading only the tail', async () => {
    h = await harness();
    const a = await h.console('Ana');
    await makeIncidents(a, 1500, 'early');
    const coversSeq = await sealSnapshot(h, a);
    await makeIncidents(a, 500, 'late');
    await settled([a]);

    const c = await h.console('Carmen');
    await settled([a, c], 30_000);
    expect(engine(c).snapshotsLoaded).toBe(1);
    expect(status(c).counters.applied).toBeLessThanOrEqual(500);
    expect(visibleState(c)).toEqual(visibleState(a));
    expect(visibleState(c).incidents).toHaveLength(2000);
    // The caller's name stayed on the console it was typed on, snapshot or not.
    expect(callerNames(a).n).toBe(2000);
    expect(callerNames(c).n).toBe(0);
    // Within the retention period nothing is deleted.
    expect(h.relay.store.snapshots!.firstSeq(NETWORK)).toBe(1);
    expect(coversSeq).toBeGreaterThan(0);

    // It remembers the log it started from: a relay restart is no reason to re-read it all.
    await h.restartRelay();
    await settled([a, c], 20_000);
    expect(status(c).problems.filter((p) => p.code === 'relay_log_reset')).toEqual([]);

    // A change made on the new console afterwards reaches the first one.
    const [late] = await makeIncidents(c, 1, 'from Carmen');
    await settled([a, c]);
    expect((await a.call('getIncident', { id: late! })).ok).toBe(true);
  });

  it('deletes blobs a snapshot covers once past retention; a console offline since before it converges and keeps its unsent changes', async () => {
    h = await harness({}, { retentionMs: 0 });
    const a = await h.console('Ana');
    const b = await h.console('Beto');
    await makeIncidents(a, 30, 'before');
    await settled([a, b]);
    syncControllerFor(b.ctx).stop();
    const offlineAt = status(b).lastSeq;
    const madeOffline = await makeIncidents(b, 3, 'offline');
    await makeIncidents(a, 30, 'meanwhile');
    const coversSeq = await sealSnapshot(h, a);

    const store = h.relay.store;
    expect(store.snapshots!.firstSeq(NETWORK)).toBe(coversSeq);
    expect(store.read(NETWORK, 0, 10_000, 1e9).map((i) => i.seq)[0]).toBe(coversSeq);
    expect(store.usage(NETWORK).blobs).toBe(store.head(NETWORK) - coversSeq + 1);
    expect(offlineAt + 1).toBeLessThan(coversSeq);

    syncControllerFor(b.ctx).startIfConfigured();
    await settled([a, b], 20_000);
    expect(engine(b).snapshotsLoaded).toBe(1);
    expect(visibleState(b)).toEqual(visibleState(a));
    expect(visibleState(a).incidents).toHaveLength(63);
    for (const id of madeOffline) expect((await a.call('getIncident', { id })).ok).toBe(true);
  });
});
