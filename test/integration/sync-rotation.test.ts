import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { createConsoleBackend } from '../../backend/console-backend';
import { startRelay, type RelayHandle } from '../../relay/server';
import type { RelayStore } from '../../relay/store';
import { testEncryption } from '../test-passphrase';
import { startPostgres, type PostgresServer } from './postgres-server';
import { freePort } from './relay-helpers';
import type { ConsoleBackend } from '../../backend/console-backend';
import { syncControllerFor } from '../../backend/sync/controller';
import { openOps } from '../../backend/sync/inbound';
import { deriveNetworkSecretSync, keysFromSecret, open } from '../../shared/sync/crypto';
import type { SqliteRelayStore } from '../../relay/sqlite-store';
import {
  harness,
  PASSPHRASE,
  settled,
  status,
  TEST_SCRYPT,
  TEST_TUNING,
  waitFor,
  type Harness,
} from './sync-helpers';
import { sampleIncident, value } from './helpers';

/**
 * Passphrase rotation with a real relay (SQLite store): a console changes the network
 * passphrase; the others are told to re-join, keep their queued changes, re-key with the new
 * passphrase and converge; the relay then holds nothing sealed under the old passphrase.
 */
let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

const NETWORK = 'pioneer-valley';
const NEW_PASSPHRASE = 'a brand new network passphrase';
const PIN = '246813';
const keysOf = (passphrase: string) =>
  keysFromSecret(deriveNetworkSecretSync(passphrase, NETWORK, TEST_SCRYPT), NETWORK);

async function makeIncidents(c: ConsoleBackend, count: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push(
      value(await c.call('createIncident', { ...sampleIncident, description: `${tag} ${i}` })).id,
    );
  return ids;
}

const incidentIds = (c: ConsoleBackend) =>
  (c.ctx.db.$client.prepare('SELECT id FROM incidents ORDER BY id').all() as { id: string }[]).map(
    (r) => r.id,
  );

async function organizer(h: Harness, name: string): Promise<ConsoleBackend> {
  const c = await h.console(name);
  value(await c.call('signOn', { name, pin: PIN, newDispatcher: true }));
  return c;
}

/** Every blob the relay's SQLite file holds for the network: log rows and snapshot parts. */
function relayBlobs(h: Harness): { log: string[]; snapshots: string[] } {
  const db = (h.relay.store as SqliteRelayStore).db;
  const pluck = (sql: string) => db.prepare(sql).pluck().all(NETWORK) as string[];
  return {
    log: pluck('SELECT blob FROM log WHERE network = ?'),
    snapshots: pluck('SELECT blob FROM snapshots WHERE network = ?'),
  };
}

const opensWith = (keys: ReturnType<typeof keysOf>, blob: string, kind: 'ops' | 'snapshot') => {
  try {
    if (kind === 'ops') openOps(keys, blob);
    else open(keys, 'snapshot', blob);
    return true;
  } catch {
    return false;
  }
};

/**
 * A TCP proxy to the relay that, once armed, cuts the connection when the relay's answer
 * contains `pattern` (relay-to-console frames are not masked), without forwarding it: the
 * console's link drops at exactly that point of a rotation.
 */
async function cuttingProxy(port: number) {
  let armed: string | null = null;
  let cuts = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ port, host: '127.0.0.1' });
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (armed && chunk.includes(armed)) {
        armed = null;
        cuts++;
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    cutAt(pattern: string) {
      armed = pattern;
    },
    get cuts() {
      return cuts;
    },
    close() {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

const secretOf = (c: ConsoleBackend) =>
  c.ctx.db.$client.prepare("SELECT value FROM local_meta WHERE key = 'relaySecret'").pluck().get();

describe('passphrase rotation', () => {
  it('rotates on A; B is asked to re-join, keeps its queued changes, re-keys and converges; no old-epoch blob is left', async () => {
    h = await harness();
    const a = await organizer(h, 'Ana Organizer');
    const b = await h.console('Beto');
    await makeIncidents(a, 4, 'before A');
    await makeIncidents(b, 3, 'before B');
    await settled([a, b]);
    const oldKeys = keysOf(PASSPHRASE);
    expect(relayBlobs(h).log.length).toBeGreaterThan(0);

    // B goes offline and makes changes that wait in its queue.
    syncControllerFor(b.ctx).stop();
    const queuedOnB = await makeIncidents(b, 2, 'queued on B');

    const rotated = value(
      await a.call('rotateNetworkPassphrase', { passphrase: NEW_PASSPHRASE, pin: PIN }),
    );
    expect(rotated.epoch).toBe(2);
    await waitFor(() => status(a).relay.state === 'connected', 'A to reconnect under the new key');
    const afterRotation = await makeIncidents(a, 2, 'after rotation');

    // The relay: nothing of the old epoch, in the log or in snapshots.
    const newKeys = keysOf(NEW_PASSPHRASE);
    await waitFor(() => status(a).relay.pendingChanges === 0, 'A to push under the new key');
    const held = relayBlobs(h);
    expect(held.snapshots.length).toBeGreaterThan(0);
    for (const blob of held.log) {
      expect(opensWith(oldKeys, blob, 'ops')).toBe(false);
      expect(opensWith(newKeys, blob, 'ops')).toBe(true);
    }
    for (const blob of held.snapshots) {
      expect(opensWith(oldKeys, blob, 'snapshot')).toBe(false);
      expect(opensWith(newKeys, blob, 'snapshot')).toBe(true);
    }

    // B comes back: told in words, pushes nothing, its changes stay queued.
    syncControllerFor(b.ctx).startIfConfigured();
    await waitFor(
      () => status(b).relay.state === 'passphrase_changed',
      'B to learn the passphrase changed',
    );
    expect(status(b).relay.notice?.kind).toBe('sync.problem.rejoin_required');
    expect(status(b).relay.pendingChanges).toBe(2);

    // A wrong passphrase is refused and changes nothing.
    const secretBefore = b.ctx.db.$client
      .prepare("SELECT value FROM local_meta WHERE key = 'relaySecret'")
      .pluck()
      .get();
    const wrong = await b.call('rejoinNetwork', { passphrase: 'not the new passphrase at all' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.error.text?.kind).toBe('sync.rotate.refused.wrong_new_passphrase');
      expect(wrong.error.fieldErrors?.passphrase).toBeTruthy();
    }
    expect(
      b.ctx.db.$client
        .prepare("SELECT value FROM local_meta WHERE key = 'relaySecret'")
        .pluck()
        .get(),
    ).toBe(secretBefore);
    expect(status(b).relay.state).toBe('passphrase_changed');
    expect(status(b).relay.pendingChanges).toBe(2);

    // The new passphrase re-keys B: it catches up and pushes its queued changes.
    const rejoined = value(await b.call('rejoinNetwork', { passphrase: NEW_PASSPHRASE }));
    expect(rejoined.configured).toBe(true);
    await settled([a, b]);
    expect(status(b).epoch).toBe(2);
    expect(incidentIds(b)).toEqual(incidentIds(a));
    for (const id of [...queuedOnB, ...afterRotation]) expect(incidentIds(a)).toContain(id);
    expect(incidentIds(a)).toHaveLength(11);
    for (const blob of relayBlobs(h).log) expect(opensWith(oldKeys, blob, 'ops')).toBe(false);

    // A console that never heard of the rotation joins with the new passphrase as usual.
    const c = await h.console('Cruz', { passphrase: NEW_PASSPHRASE });
    await settled([a, b, c]);
    expect(incidentIds(c)).toEqual(incidentIds(a));
    // The old passphrase gets "re-join", never data.
    const late = await h.console('Dana', { passphrase: PASSPHRASE });
    await waitFor(() => status(late).relay.state === 'passphrase_changed', 'the old key refused');
    expect(incidentIds(late)).toHaveLength(0);
  });

  it('tells B live, while connected, to re-join; its changes made meanwhile wait and go after', async () => {
    h = await harness();
    const a = await organizer(h, 'Ana Organizer');
    const b = await h.console('Beto');
    await makeIncidents(a, 2, 'before');
    await settled([a, b]);
    value(await a.call('rotateNetworkPassphrase', { passphrase: NEW_PASSPHRASE, pin: PIN }));
    await waitFor(() => status(b).relay.state === 'passphrase_changed', 'B told live');
    const made = await makeIncidents(b, 1, 'while told');
    expect(status(b).relay.pendingChanges).toBe(1);
    value(await b.call('rejoinNetwork', { passphrase: NEW_PASSPHRASE }));
    await settled([a, b]);
    expect(incidentIds(a)).toContain(made[0]);
    expect(incidentIds(b)).toEqual(incidentIds(a));
  });

  it('refuses a wrong PIN, the same passphrase, and rotating offline, each in words, changing nothing', async () => {
    h = await harness();
    const a = await organizer(h, 'Ana Organizer');
    await makeIncidents(a, 1, 'before');
    await settled([a]);
    const badPin = await a.call('rotateNetworkPassphrase', {
      passphrase: NEW_PASSPHRASE,
      pin: '999999',
    });
    expect(badPin.ok).toBe(false);
    if (!badPin.ok) expect(badPin.error.code).toBe('unauthorized');
    const same = await a.call('rotateNetworkPassphrase', { passphrase: PASSPHRASE, pin: PIN });
    expect(same.ok).toBe(false);
    if (!same.ok) expect(same.error.text?.kind).toBe('sync.rotate.refused.same_passphrase');
    await h.stopRelay();
    await waitFor(() => status(a).relay.state !== 'connected', 'A to see the relay gone');
    const offline = await a.call('rotateNetworkPassphrase', {
      passphrase: NEW_PASSPHRASE,
      pin: PIN,
    });
    expect(offline.ok).toBe(false);
    if (!offline.ok) expect(offline.error.text?.kind).toBe('sync.rotate.refused.offline');
    await h.startRelayAgain();
    await settled([a]);
    expect(status(a).epoch).toBe(1);
    expect(h.relay.store.network(NETWORK)?.epoch).toBe(1);
  });

  it('a link lost mid-rotation: before the switch nothing changes and a retry works; after it, the console finds out and takes the new key', async () => {
    h = await harness();
    const proxy = await cuttingProxy(h.port);
    try {
      const a = await h.console('Ana Organizer', { relayPort: proxy.port });
      value(await a.call('signOn', { name: 'Ana Organizer', pin: PIN, newDispatcher: true }));
      const b = await h.console('Beto');
      await makeIncidents(a, 3, 'before');
      await settled([a, b]);
      const before = incidentIds(a);
      const secret = secretOf(a);

      // Cut before the relay switched (its last snapshot ack never arrives).
      proxy.cutAt('snapshot_ack');
      const first = await a.call('rotateNetworkPassphrase', {
        passphrase: NEW_PASSPHRASE,
        pin: PIN,
      });
      expect(proxy.cuts).toBe(1);
      expect(first.ok).toBe(false);
      if (!first.ok) expect(first.error.text?.kind).toBe('sync.rotate.refused.offline');
      expect(h.relay.store.network(NETWORK)?.epoch).toBe(1);
      expect(secretOf(a)).toBe(secret);
      expect(incidentIds(a)).toEqual(before);
      await waitFor(() => status(a).relay.state === 'connected', 'A back online');
      expect(status(b).relay.state).toBe('connected');

      // Cut after the relay switched (its answer never arrives): the console asks the relay
      // with the new key, finds it switched, and keeps the new key.
      proxy.cutAt('"rotated"');
      const second = value(
        await a.call('rotateNetworkPassphrase', { passphrase: NEW_PASSPHRASE, pin: PIN }),
      );
      expect(proxy.cuts).toBe(2);
      expect(second.epoch).toBe(2);
      expect(h.relay.store.network(NETWORK)?.epoch).toBe(2);
      expect(secretOf(a)).not.toBe(secret);
      await makeIncidents(a, 1, 'after');
      await waitFor(() => status(b).relay.state === 'passphrase_changed', 'B told');
      value(await b.call('rejoinNetwork', { passphrase: NEW_PASSPHRASE }));
      await settled([a, b]);
      expect(incidentIds(b)).toEqual(incidentIds(a));
      expect(incidentIds(a)).toHaveLength(4);
    } finally {
      proxy.close();
    }
  });

  it('refuses to rotate through a relay that cannot (no key epoch in its welcome), in words', async () => {
    h = await harness();
    const a = await organizer(h, 'Ana Organizer');
    await makeIncidents(a, 1, 'before');
    await settled([a]);
    // What a relay of the version before rotation says: a welcome without an epoch.
    const engine = syncControllerFor(a.ctx).running!;
    (engine as unknown as { relayEpoch: number | null }).relayEpoch = null;
    const refused = await a.call('rotateNetworkPassphrase', {
      passphrase: NEW_PASSPHRASE,
      pin: PIN,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.error.text?.kind).toBe('sync.rotate.refused.relay_cannot_rotate');
    expect(h.relay.store.network(NETWORK)?.epoch).toBe(1);
  });

  it('two consoles rotating at once: one wins, the other is told to re-join and can with the winner’s passphrase', async () => {
    h = await harness();
    const a = await organizer(h, 'Ana Organizer');
    const b = await organizer(h, 'Beto Organizer');
    await makeIncidents(a, 2, 'before');
    await settled([a, b]);
    const [ra, rb] = await Promise.all([
      a.call('rotateNetworkPassphrase', { passphrase: 'passphrase chosen by ana', pin: PIN }),
      b.call('rotateNetworkPassphrase', { passphrase: 'passphrase chosen by beto', pin: PIN }),
    ]);
    const results = [ra, rb];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok)!;
    if (!loser.ok) expect(loser.error.text?.kind).toBe('sync.rotate.refused.lost_race');
    const [winner, other, winning] = ra.ok
      ? [a, b, 'passphrase chosen by ana']
      : [b, a, 'passphrase chosen by beto'];
    expect(h.relay.store.network(NETWORK)?.epoch).toBe(2);
    await waitFor(() => status(other).relay.state === 'passphrase_changed', 'the loser told');
    value(await other.call('rejoinNetwork', { passphrase: winning }));
    await makeIncidents(other, 1, 'after');
    await settled([winner, other]);
    expect(incidentIds(other)).toEqual(incidentIds(winner));
  });
});

describe('passphrase rotation on a PostgreSQL relay', () => {
  let postgres: PostgresServer;
  let dir: string;
  let relay: RelayHandle<RelayStore> | undefined;
  const consoles: ConsoleBackend[] = [];
  beforeAll(async () => {
    postgres = startPostgres(await freePort(), { fsync: 'off' });
    dir = mkdtempSync(join(tmpdir(), 'rotation-pg-'));
  });
  afterAll(async () => {
    for (const c of consoles) c.close();
    await relay?.close();
    postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function joined(name: string, url: string): Promise<ConsoleBackend> {
    const c = createConsoleBackend({
      ...testEncryption,
      dbFile: join(dir, `${name}.sqlite`),
      sync: { scrypt: TEST_SCRYPT, tuning: TEST_TUNING },
    });
    consoles.push(c);
    value(await c.call('signOn', { name, pin: PIN, newDispatcher: true }));
    value(await c.call('joinNetwork', { relayUrl: url, network: NETWORK, passphrase: PASSPHRASE }));
    return c;
  }

  it('rotates, B re-keys and converges with its queued changes, and the database holds no old-epoch blob', async () => {
    relay = await startRelay({
      port: 0,
      dataDir: join(dir, 'relay'),
      postgresUrl: postgres.url,
      openRegistration: true,
      log: () => {},
    });
    const a = await joined('Ana Organizer', relay.url);
    const b = await joined('Beto', relay.url);
    await makeIncidents(a, 3, 'before A');
    await makeIncidents(b, 2, 'before B');
    await settled([a, b]);
    syncControllerFor(b.ctx).stop();
    const queued = await makeIncidents(b, 2, 'queued on B');
    expect(
      value(await a.call('rotateNetworkPassphrase', { passphrase: NEW_PASSPHRASE, pin: PIN }))
        .epoch,
    ).toBe(2);
    syncControllerFor(b.ctx).startIfConfigured();
    await waitFor(() => status(b).relay.state === 'passphrase_changed', 'B told to re-join');
    const wrong = await b.call('rejoinNetwork', { passphrase: 'still not the right one' });
    expect(wrong.ok).toBe(false);
    value(await b.call('rejoinNetwork', { passphrase: NEW_PASSPHRASE }));
    await settled([a, b]);
    expect(incidentIds(b)).toEqual(incidentIds(a));
    for (const id of queued) expect(incidentIds(a)).toContain(id);

    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    const log = (await db.query('SELECT blob FROM relay_log WHERE network = $1', [NETWORK])).rows;
    const parts = (await db.query('SELECT blob FROM relay_snapshots WHERE network = $1', [NETWORK]))
      .rows;
    await db.end();
    const oldKeys = keysOf(PASSPHRASE);
    const newKeys = keysOf(NEW_PASSPHRASE);
    expect(log.length).toBeGreaterThan(0);
    expect(parts.length).toBeGreaterThan(0);
    for (const { blob } of log as { blob: string }[]) {
      expect(opensWith(oldKeys, blob, 'ops')).toBe(false);
      expect(opensWith(newKeys, blob, 'ops')).toBe(true);
    }
    for (const { blob } of parts as { blob: string }[]) {
      expect(opensWith(oldKeys, blob, 'snapshot')).toBe(false);
      expect(opensWith(newKeys, blob, 'snapshot')).toBe(true);
    }
  });
});
