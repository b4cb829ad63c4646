import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, createServer, type Server, type Socket as NetSocket } from 'node:net';
import pg from 'pg';
import { io } from 'socket.io-client';
import { createConsoleBackend, type ConsoleBackend } from '../../backend/console-backend';
import { EV } from '../../shared/sync/protocol';
import { sealJson } from '../../shared/sync/crypto';
import { uuidv7 } from '../../shared/ids';
import {
  PASSPHRASE,
  TEST_SCRYPT,
  TEST_TUNING,
  settled,
  snapshot,
  status,
  waitFor,
} from './sync-helpers';
import { sampleIncident, value } from './helpers';
import { startPostgres } from './postgres-server';
import { PostgresRelayStore } from '../../relay/postgres-store';
import { QuotaExceededError } from '../../relay/store';
import { hashInviteCode } from '../../relay/invites';
import { freePort, hello, netKeys, relayProcess, startRedis } from './relay-helpers';
import { testEncryption } from '../test-passphrase';

/**
 * Relay nodes on different hosts: each its own data folder, one PostgreSQL log (a throwaway
 * cluster from Debian's binaries), fan-out through Redis Streams; consoles reach them through a
 * load balancer. Seqs stay gap-free under concurrent appends from both nodes, consoles
 * converge, and when one node is SIGKILLed its consoles move to the other and lose nothing.
 */
let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => {});
  cleanup = [];
});

/** A TCP load balancer: each new connection goes to the first target that accepts it. */
async function loadBalancer(targets: () => number[]): Promise<{ url: string }> {
  const open = new Set<NetSocket>();
  const server: Server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.pause();
    const tryTarget = (list: number[]) => {
      const [port, ...rest] = list;
      if (port === undefined) return client.destroy();
      const upstream = createConnection(port, '127.0.0.1');
      upstream.once('error', () => tryTarget(rest));
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      });
    };
    tryTarget(targets());
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  cleanup.push(
    () =>
      new Promise<void>((r) => {
        for (const s of open) s.destroy();
        server.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${port}` };
}

async function consoleOn(dir: string, name: string, relayUrl: string): Promise<ConsoleBackend> {
  const backend = createConsoleBackend({
    ...testEncryption,
    dbFile: join(dir, `${name}.sqlite`),
    sync: { scrypt: TEST_SCRYPT, tuning: TEST_TUNING },
  });
  cleanup.push(() => backend.close());
  value(await backend.call('setDispatcherName', { name }));
  value(
    await backend.call('joinNetwork', {
      relayUrl,
      network: 'pioneer-valley',
      passphrase: PASSPHRASE,
    }),
  );
  return backend;
}

/** A raw client on one node pushing `batches` batches of 3 blobs one after another. */
async function hammer(url: string, batches: number): Promise<number[]> {
  const keys = netKeys('stress');
  const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  cleanup.push(() => void s.disconnect());
  const welcomed = new Promise((r) => s.once(EV.welcome, r));
  s.emit(EV.hello, hello({ network: 'stress', token: keys.authToken }));
  await welcomed;
  const seqs: number[] = [];
  for (let i = 0; i < batches; i++) {
    const batchId = uuidv7();
    const acked = new Promise<number[]>((resolve) => {
      const onAck = (a: { batchId: string; seqs: number[] }) => {
        if (a.batchId !== batchId) return;
        s.off(EV.ack, onAck);
        resolve(a.seqs);
      };
      s.on(EV.ack, onAck);
    });
    s.emit(EV.push, {
      batchId,
      blobs: [0, 1, 2].map(() => sealJson(keys, 'op', uuidv7(), { i })),
    });
    seqs.push(...(await acked));
  }
  s.disconnect();
  return seqs;
}

describe('relay nodes on PostgreSQL', () => {
  it('hand out gap-free seqs from both nodes, converge, and survive a node SIGKILLed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-pg-it-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const postgres = startPostgres(await freePort(), { fsync: 'off' });
    cleanup.push(() => postgres.stop());
    const redis = await startRedis();
    cleanup.push(() => redis.stop());
    const nodeArgs = (name: string) => [
      '--data-dir',
      join(dir, name),
      '--postgres',
      postgres.url,
      '--redis',
      redis.url,
      '--allow',
      'pioneer-valley,stress',
    ];
    const east = await relayProcess(nodeArgs('east'));
    cleanup.push(() => void east.child.kill('SIGKILL'));
    const west = await relayProcess(nodeArgs('west'));
    cleanup.push(() => void west.child.kill('SIGKILL'));
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    cleanup.push(() => db.end());
    const logSeqs = async (network: string) =>
      (
        await db.query<{ seq: string }>(
          'SELECT seq FROM relay_log WHERE network = $1 ORDER BY seq',
          [network],
        )
      ).rows.map((r) => Number(r.seq));

    // Four clients, two on each node, append at once.
    const perClient = await Promise.all([
      hammer(east.url, 40),
      hammer(west.url, 40),
      hammer(east.url, 40),
      hammer(west.url, 40),
    ]);
    // They really interleaved: some client's seqs have others' seqs between them.
    expect(perClient.some((seqs) => seqs.at(-1)! - seqs[0]! + 1 > seqs.length)).toBe(true);
    const acked = perClient.flat();
    const all = Array.from({ length: 480 }, (_, i) => i + 1);
    expect([...acked].sort((a, b) => a - b)).toEqual(all);
    expect(await logSeqs('stress')).toEqual(all);

    // Consoles: Ana through the load balancer (east while it lives), Beto on west directly.
    const eastPort = Number(new URL(east.url).port);
    const westPort = Number(new URL(west.url).port);
    const balancer = await loadBalancer(() => [eastPort, westPort]);
    const ana = await consoleOn(dir, 'Ana', balancer.url);
    const beto = await consoleOn(dir, 'Beto', west.url);
    const inc = value(await ana.call('createIncident', sampleIncident));
    await waitFor(async () => (await beto.call('getIncident', { id: inc.id })).ok, 'live change');
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        ana.call('addIncidentNote', { incidentId: inc.id, text: `Ana ${i}` }),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        beto.call('addIncidentNote', { incidentId: inc.id, text: `Beto ${i}` }),
      ),
    ]);
    await settled([ana, beto], 15_000);
    expect(snapshot(beto)).toEqual(snapshot(ana));

    // East dies without a word; Ana's console reconnects through the balancer to west.
    east.child.kill('SIGKILL');
    await new Promise((r) => east.child.once('exit', r));
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        ana.call('addIncidentNote', { incidentId: inc.id, text: `Ana after ${i}` }),
      ),
    );
    await settled([ana, beto], 20_000);
    expect(snapshot(beto)).toEqual(snapshot(ana));
    const notes = (snapshot(ana).activity_log as { text?: string }[]).map((a) => JSON.stringify(a));
    for (let i = 0; i < 5; i++) expect(notes.some((n) => n.includes(`Ana after ${i}`))).toBe(true);
    const seqs = await logSeqs('pioneer-valley');
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(status(ana).lastSeq).toBe(seqs.length);
    expect(status(ana).counters.undecryptable).toBe(0);
  }, 90_000);

  it('keeps the same rules as SQLite: quotas refuse whole batches, invites register once, logId is stable', async () => {
    const postgres = startPostgres(await freePort(), { fsync: 'off' });
    cleanup.push(() => postgres.stop());
    const store = await PostgresRelayStore.connect(postgres.url);
    cleanup.push(() => store.close());
    const code = hashInviteCode('abcd-efgh');
    await store.createInvite('holyoke', code, Date.now() + 60_000);
    expect(await store.registerWithInvite('springfield', 'a'.repeat(64), code, Date.now())).toBe(
      'invite_invalid',
    );
    const record = await store.registerWithInvite('holyoke', 'a'.repeat(64), code, Date.now());
    expect(record).toMatchObject({ tokenHash: 'a'.repeat(64) });
    expect(await store.registerWithInvite('holyoke', 'b'.repeat(64), code, Date.now())).toEqual(
      record,
    );
    await store.close();
    const again = await PostgresRelayStore.connect(postgres.url);
    cleanup.push(() => again.close());
    expect(await again.network('holyoke')).toEqual(record);
    const quota = { maxBytes: 1000, maxBlobs: 3 };
    const blob = 'QUFB'.repeat(50);
    expect(await again.append('holyoke', 'device', [blob, blob], quota)).toEqual([1, 2]);
    await expect(again.append('holyoke', 'device', [blob, blob], quota)).rejects.toBeInstanceOf(
      QuotaExceededError,
    );
    expect(await again.append('holyoke', 'device', [blob], quota)).toEqual([3]);
    expect(await again.usage('holyoke')).toEqual({ bytes: 600, blobs: 3 });
    expect(await again.head('holyoke')).toBe(3);
    expect((await again.read('holyoke', 1, 10, 250)).map((i) => i.seq)).toEqual([2]);
    await again.registerNetwork('holyoke', 'c'.repeat(64));
    expect(await again.network('holyoke')).toEqual(record);
  }, 30_000);
});
