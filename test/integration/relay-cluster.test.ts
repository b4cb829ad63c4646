import { afterEach, describe, expect, it } from 'vitest';
import { startRedis } from './relay-helpers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend, type ConsoleBackend } from '../../backend/console-backend';
import { startRelay, type RelayHandle } from '../../relay/server';
import {
  PASSPHRASE,
  TEST_SCRYPT,
  TEST_TUNING,
  relayState,
  settled,
  snapshot,
  status,
  waitFor,
} from './sync-helpers';
import { sampleIncident, value } from './helpers';
import { testEncryption } from '../test-passphrase';

/**
 * Multi-node relay: two relay nodes share one log file and fan out through a real Redis
 * (Debian's redis-server, which .ci/run installs) with socket.io's Redis Streams adapter.
 */

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  cleanup = [];
});

async function redis(): Promise<string> {
  const server = await startRedis();
  cleanup.push(() => server.stop());
  return server.url;
}

const OPERATOR = 'cluster operator token';

async function node(dataDir: string, redisUrl: string): Promise<RelayHandle> {
  const relay = await startRelay({
    port: 0,
    dataDir,
    redisUrl,
    presenceRefreshMs: 300,
    log: () => {},
    allowedNetworks: ['pioneer-valley'],
    operatorToken: OPERATOR,
  });
  cleanup.push(() => relay.close());
  return relay;
}

async function consoleOn(dir: string, name: string, relay: RelayHandle): Promise<ConsoleBackend> {
  const backend = createConsoleBackend({
    ...testEncryption,
    dbFile: join(dir, `${name}.sqlite`),
    sync: { scrypt: TEST_SCRYPT, tuning: TEST_TUNING },
  });
  cleanup.push(async () => backend.close());
  value(await backend.call('setDispatcherName', { name }));
  value(
    await backend.call('joinNetwork', {
      relayUrl: relay.url,
      network: 'pioneer-valley',
      passphrase: PASSPHRASE,
    }),
  );
  return backend;
}

describe('relay nodes behind a load balancer (Redis Streams adapter)', () => {
  it('consoles on different nodes see each other live, get unique seqs, and converge', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-cluster-'));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    const redisUrl = await redis();
    const shared = join(dir, 'relay-data');
    const [east, west] = [await node(shared, redisUrl), await node(shared, redisUrl)];
    const health = (await (
      await fetch(`${east.url}/health`, { headers: { authorization: `Bearer ${OPERATOR}` } })
    ).json()) as { cluster: string };
    expect(health.cluster).toBe('redis-streams');

    const ana = await consoleOn(dir, 'Ana', east);
    const beto = await consoleOn(dir, 'Beto', west);
    // Presence crosses nodes: each sees the other among the dispatchers online.
    await waitFor(
      () => relayState(ana).peers.includes('Beto') && relayState(beto).peers.includes('Ana'),
      'presence across nodes',
      // nodes find each other by heartbeat (every 5 s); the presence refresh then tells everyone
      15_000,
    );

    // A live change on one node reaches a console on the other as a broadcast, not a poll.
    const inc = value(await ana.call('createIncident', sampleIncident));
    await waitFor(async () => (await beto.call('getIncident', { id: inc.id })).ok, 'live change');

    // Both nodes append at once to the one log: seqs stay unique and gap-free.
    await Promise.all([
      ...Array.from({ length: 15 }, (_, i) =>
        ana.call('addIncidentNote', { incidentId: inc.id, text: `Ana ${i}` }),
      ),
      ...Array.from({ length: 15 }, (_, i) =>
        beto.call('addIncidentNote', { incidentId: inc.id, text: `Beto ${i}` }),
      ),
    ]);
    await settled([ana, beto]);
    const seqs = (
      east.store.db.prepare('SELECT seq FROM log ORDER BY seq').all() as { seq: number }[]
    ).map((r) => r.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(west.store.head('pioneer-valley')).toBe(seqs.length);
    expect(snapshot(beto)).toEqual(snapshot(ana));
    expect(status(beto).counters.undecryptable).toBe(0);

    // A console that joins later on either node catches up on the whole shared log.
    const cleo = await consoleOn(dir, 'Cleo', west);
    await settled([ana, beto, cleo]);
    expect(snapshot(cleo)).toEqual(snapshot(ana));
  }, 30_000);
});
