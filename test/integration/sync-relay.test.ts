import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createConsoleBackend } from '../../backend/console-backend';
import { io } from 'socket.io-client';
import {
  PASSPHRASE,
  TEST_SCRYPT,
  TEST_TUNING,
  assign,
  harness,
  opIdsOnRelay,
  relayState,
  settled,
  snapshot,
  status,
  waitFor,
  type Harness,
} from './sync-helpers';
import { sampleIncident, value } from './helpers';
import { uuidv7 } from '../../shared/ids';
import { EV, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { deriveNetworkSecret, keysFromSecret, sealJson } from '../../shared/sync/crypto';
import { base64ToBytes, bytesToBase64 } from '../../shared/sync/base64';
import { testEncryption } from '../test-passphrase';

/**
 * Console backends on real SQLite files, syncing through an in-process relay on a loopback port
 * (relay-server.test.ts also runs the relay as its own process).
 */
let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

const connected = (...cs: Parameters<typeof relayState>[0][]) =>
  waitFor(() => cs.every((c) => relayState(c).state === 'connected'), 'consoles to connect');

async function rawClient(port: number, passphrase = PASSPHRASE) {
  const keys = keysFromSecret(
    await deriveNetworkSecret(passphrase, 'pioneer-valley', TEST_SCRYPT),
    'pioneer-valley',
  );
  const socket = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true });
  const welcome = new Promise<void>((resolve) => socket.once(EV.welcome, () => resolve()));
  socket.emit(EV.hello, {
    v: PROTOCOL_VERSION,
    minV: 1,
    network: 'pioneer-valley',
    token: keys.authToken,
    deviceId: uuidv7(),
    presence: null,
    lastSeq: 0,
  });
  await welcome;
  return { socket, keys };
}

/** Ana's and Beto's consoles on the harness's relay, joined and connected. */
async function anaAndBeto(relay: Harness) {
  const a = await relay.console('Ana');
  const b = await relay.console('Beto');
  await connected(a, b);
  return [a, b] as const;
}

describe('sync through the relay', () => {
  it('propagates a change live and shows who is online', async () => {
    h = await harness();
    const [a, b] = await anaAndBeto(h);
    const changed: string[] = [];
    b.subscribe((e) => {
      if (e.type === 'changed' && e.origin === 'remote')
        changed.push(...e.entities.map((x) => x.entity));
    });
    const t0 = Date.now();
    const inc = value(await a.call('createIncident', sampleIncident));
    await waitFor(async () => (await b.call('getIncident', { id: inc.id })).ok, 'propagation');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(changed).toContain('incident');
    await settled([a, b]);
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(relayState(a).peers).toEqual(['Beto']);
    const session = value(await b.call('getSession', {}));
    expect(session.relay).toMatchObject({ state: 'connected', pendingChanges: 0, peers: ['Ana'] });
    // The passphrase is not stored; the derived secret is.
    const meta = a.ctx.db.$client.prepare('SELECT key, value FROM local_meta').all() as {
      value: string;
    }[];
    expect(JSON.stringify(meta)).not.toContain(PASSPHRASE);
    // The receiving console's op log keeps who and when of Ana's op, not a second copy of it.
    const received = b.ctx.db.$client
      .prepare("SELECT body FROM op_log WHERE origin = 'remote'")
      .all() as { body: string }[];
    expect(received).toHaveLength(1);
    expect(Object.keys(JSON.parse(received[0]!.body) as object).sort()).toEqual(
      ['actor', 'at', 'deviceId', 'hlc', 'opId', 'v'].sort(),
    );
    expect(received[0]!.body).not.toContain('555-0142');
    // The caller's contact stays on the console that took the call.
    const onBeto = value(await b.call('getIncident', { id: inc.id })).incident;
    expect([onBeto.reporterName, onBeto.reporterPhone, onBeto.description]).toEqual([
      '',
      '',
      sampleIncident.description,
    ]);
  });

  it('queues offline edits on two consoles, converges after the relay comes back, and keeps its log across restarts', async () => {
    h = await harness();
    const [a, b] = await anaAndBeto(h);
    const inc = value(await a.call('createIncident', sampleIncident));
    await settled([a, b]);

    await h.stopRelay();
    await waitFor(() => relayState(a).state === 'offline', 'offline state', 3000);
    value(
      await a.call('updateIncident', { id: inc.id, changes: { description: 'Two vans, Ana' } }),
    );
    value(
      await b.call('updateIncident', { id: inc.id, changes: { description: 'Three vans, Beto' } }),
    );
    value(await b.call('addIncidentNote', { incidentId: inc.id, text: 'Neighbor called back' }));
    value(await a.call('createIncident', { ...sampleIncident, description: 'Second report' }));
    expect(relayState(a)).toMatchObject({ state: 'offline', pendingChanges: 2 });
    expect(relayState(b).pendingChanges).toBe(2);

    await h.startRelayAgain();
    await settled([a, b]);
    expect(snapshot(a)).toEqual(snapshot(b));
    const detail = value(await a.call('getIncident', { id: inc.id }));
    expect(detail.incident.description).toBe('Three vans, Beto'); // later HLC wins on both
    expect(detail.timeline.some((e) => e.message === 'Neighbor called back')).toBe(true);

    // A restart loses nothing: a console joining afterwards catches up on the whole log.
    await h.restartRelay();
    const c = await h.console('Cleo');
    await settled([a, b, c]);
    expect(snapshot(c)).toEqual(snapshot(a));
  });

  it('pushes queued changes as sealed batches: one relay seq each, every blob under the size cap', async () => {
    h = await harness();
    const [a, b] = await anaAndBeto(h);
    await h.stopRelay();
    await waitFor(() => relayState(a).state === 'offline', 'offline state', 3000);
    const made = 120;
    for (let i = 0; i < made; i++) {
      value(await a.call('createIncident', { ...sampleIncident, description: `Report ${i}` }));
    }
    expect(relayState(a).pendingChanges).toBe(made);
    await h.startRelayAgain();
    await settled([a, b]);
    expect(snapshot(b)).toEqual(snapshot(a));
    const stored = h.relay.store.read('pioneer-valley', 0, 10_000, Number.MAX_SAFE_INTEGER);
    // ~1.8 KB ops under a 64,000-character cap: several blobs, each holding many ops.
    expect(stored.length).toBeGreaterThan(2);
    expect(stored.length).toBeLessThan(made / 10);
    for (const item of stored) expect(item.blob.length).toBeLessThanOrEqual(64_000);
    expect(new Set(opIdsOnRelay(h)).size).toBe(made);
    // Every op of a batch carries its blob's seq, on the console that made it and on the other.
    const seqsOf = (c: typeof a) =>
      c.ctx.db.$client
        .prepare('SELECT relay_seq AS s, count(*) AS n FROM op_log GROUP BY relay_seq ORDER BY s')
        .all();
    expect(seqsOf(a)).toEqual(seqsOf(b));
    expect(seqsOf(a)).toHaveLength(stored.length);
  });

  it('applies a batch around an op it cannot read, and still reads single-op blobs of protocol 1', async () => {
    h = await harness();
    const b = await h.console('Beto');
    await connected(b);
    const { socket, keys } = await rawClient(h.port);
    const scratch = await h.console('Scratch', { join: false });
    const good = value(await scratch.call('createIncident', sampleIncident));
    const older = value(
      await scratch.call('createIncident', { ...sampleIncident, description: 'From a v1 console' }),
    );
    const [first, second] = (
      scratch.ctx.db.$client.prepare('SELECT body FROM op_log ORDER BY hlc').all() as {
        body: string;
      }[]
    ).map((r) => JSON.parse(r.body) as { opId: string });
    const acked = new Promise((resolve) => socket.once(EV.ack, resolve));
    socket.emit(EV.push, {
      batchId: uuidv7(),
      blobs: [
        sealJson(keys, 'ops', uuidv7(), {
          v: 2,
          ops: [
            { op: { v: 9, future: true }, knownSeq: 0 },
            { op: first, knownSeq: 0 },
          ],
        }),
        sealJson(keys, 'op', second!.opId, { v: 1, op: second, knownSeq: 0 }),
      ],
    });
    await acked;
    await waitFor(() => status(b).lastSeq === 2, 'b to read both blobs');
    expect(status(b).counters).toMatchObject({ applied: 2, undecryptable: 1 });
    expect(status(b).problems.some((p) => /change 1 of its batch/.test(p.message))).toBe(true);
    for (const id of [good.id, older.id])
      expect(value(await b.call('getIncident', { id })).incident.id).toBe(id);
    socket.disconnect();
  });

  it('finds a change that was stored but never broadcast to it, on its periodic re-check', async () => {
    h = await harness();
    const b = await h.console('Beto');
    await connected(b);
    const { socket, keys } = await rawClient(h.port);
    socket.disconnect();
    const scratch = await h.console('Scratch', { join: false });
    const made = value(await scratch.call('createIncident', sampleIncident));
    const op = JSON.parse(
      (scratch.ctx.db.$client.prepare('SELECT body FROM op_log').get() as { body: string }).body,
    ) as unknown;
    // As if another relay node stored it while its link to this node's fan-out was down.
    h.relay.store.append('pioneer-valley', uuidv7(), [
      sealJson(keys, 'ops', uuidv7(), { v: 2, ops: [{ op, knownSeq: 0 }] }),
    ]);
    await waitFor(
      async () => (await b.call('getIncident', { id: made.id })).ok,
      'the re-check to fetch it',
      3000,
    );
  });

  it('surfaces a double assignment made at once on two consoles, on both, and resolves it everywhere', async () => {
    h = await harness();
    const [a, b] = await anaAndBeto(h);
    const i1 = value(await a.call('createIncident', sampleIncident));
    const i2 = value(await a.call('createIncident', { ...sampleIncident, description: 'Other' }));
    await settled([a, b]);
    const rosa = uuidv7();

    await h.stopRelay();
    assign(a, i1.id, rosa);
    assign(b, i2.id, rosa);
    // Two verification outcomes for one incident, from different consoles, at once.
    await a.call('transitionIncident', { id: i1.id, to: 'verifying' });
    await h.startRelayAgain();
    await settled([a, b]);
    await h.stopRelay();
    value(await a.call('transitionIncident', { id: i1.id, to: 'confirmed', verifiedBy: 'Marta' }));
    value(await b.call('transitionIncident', { id: i1.id, to: 'false_alarm', verifiedBy: 'Luis' }));
    await h.startRelayAgain();
    await settled([a, b]);
    expect(snapshot(a)).toEqual(snapshot(b));

    for (const c of [a, b]) {
      const list = value(await c.call('listConflicts', { incidentId: i1.id }));
      const kinds = list.map((x) => x.kind).sort();
      expect(kinds).toEqual(['double_assignment', 'verification_outcome']);
      const double = list.find((x) => x.kind === 'double_assignment')!;
      expect([double.incidentId, double.otherIncidentId].sort()).toEqual([i1.id, i2.id].sort());
      expect(double.responderId).toBe(rosa);
      expect(double.versions.map((v) => v.actor).sort()).toEqual(['Ana', 'Beto']);
      const outcome = list.find((x) => x.kind === 'verification_outcome')!;
      expect(outcome.versions.map((v) => `${v.actor}:${v.value}:${v.verifiedBy}`).sort()).toEqual([
        'Ana:confirmed:Marta',
        'Beto:false_alarm:Luis',
      ]);
      expect(outcome.versions.filter((v) => v.kept)).toHaveLength(1);
      expect(value(await c.call('listConflicts', { incidentId: i2.id }))).toHaveLength(1);
    }
    const idsA = value(await a.call('listConflicts', {}))
      .map((x) => x.id)
      .sort();
    const idsB = value(await b.call('listConflicts', {}))
      .map((x) => x.id)
      .sort();
    expect(idsA).toEqual(idsB);

    const double = value(await a.call('listConflicts', { incidentId: i2.id }))[0]!;
    const resolved = value(
      await a.call('resolveConflict', { id: double.id, note: 'Rosa stays with Florence' }),
    );
    expect(resolved).toMatchObject({
      resolvedBy: 'Ana',
      resolutionNote: 'Rosa stays with Florence',
    });
    await waitFor(
      async () => value(await b.call('listConflicts', { incidentId: i2.id })).length === 0,
      'resolution to reach the other console',
    );
    const again = await b.call('resolveConflict', { id: double.id, note: 'x' });
    expect(again.ok).toBe(false);

    // A deliberate re-assignment made with the other one in view is not a conflict.
    const before = status(a).openConflicts;
    const i3 = value(await b.call('createIncident', { ...sampleIncident, description: 'Third' }));
    await settled([a, b]);
    assign(b, i3.id, rosa);
    await settled([a, b]);
    expect(status(a).openConflicts).toBe(before);
  });

  it('reports a wrong passphrase and keeps the console working locally', async () => {
    h = await harness();
    const a = await h.console('Ana');
    await connected(a);
    const m = await h.console('Mallory', { passphrase: 'not the right passphrase' });
    await waitFor(() => relayState(m).state === 'wrong_passphrase', 'wrong passphrase state');
    expect(status(m).problems.at(-1)?.code).toBe('wrong_passphrase');
    value(await m.call('createIncident', sampleIncident));
    expect(relayState(m)).toMatchObject({ state: 'wrong_passphrase', pendingChanges: 1 });
    expect(relayState(a).peers).toEqual([]);
    // Fixing the passphrase (same relay and network) keeps the queue and sends it.
    value(
      await m.call('joinNetwork', {
        relayUrl: `http://127.0.0.1:${h.port}`,
        network: 'Pioneer-Valley',
        passphrase: PASSPHRASE,
      }),
    );
    await settled([a, m]);
    expect(snapshot(a)).toEqual(snapshot(m));
  });

  it('applies a replayed ciphertext once, skips a tampered one, and never crashes', async () => {
    h = await harness();
    const [a, b] = await anaAndBeto(h);
    const inc = value(await a.call('createIncident', sampleIncident));
    await settled([a, b]);
    const before = snapshot(b);
    const stored = h.relay.store.read('pioneer-valley', 0, 10, 1e9);
    const { socket } = await rawClient(h.port);
    const acked = new Promise((resolve) => socket.once(EV.ack, resolve));
    const bytes = base64ToBytes(stored[0]!.blob);
    bytes[bytes.length - 5]! ^= 0x01;
    socket.emit(EV.push, { batchId: 'replay', blobs: [stored[0]!.blob, bytesToBase64(bytes)] });
    await acked;
    await waitFor(
      () => status(b).lastSeq === h!.relay.store.head('pioneer-valley'),
      'b to see the replay',
    );
    expect(status(b).counters).toMatchObject({ duplicates: 1, undecryptable: 1 });
    expect(status(b).problems.at(-1)?.code).toBe('tampered_or_wrong_key');
    expect(snapshot(b)).toEqual(before);
    // and sync goes on
    value(
      await a.call('updateIncident', { id: inc.id, changes: { description: 'after the attack' } }),
    );
    await waitFor(
      async () =>
        value(await b.call('getIncident', { id: inc.id })).incident.description ===
        'after the attack',
      'sync after attack',
    );
    socket.disconnect();
  });

  it("stores nothing but ciphertext: the relay's database holds none of the plaintext", async () => {
    h = await harness();
    const a = await h.console('Dispatcher Ximena');
    const b = await h.console('Beto');
    await connected(a, b);
    const secretWords = ['Calle Pleasant 1234', 'Bluebird Laundromat', 'Guadalupe-Zenaida'];
    const inc = value(
      await a.call('createIncident', {
        ...sampleIncident,
        description: `Two vans outside ${secretWords[1]}`,
        location: { ...sampleIncident.location, text: secretWords[0]! },
        reporterName: secretWords[2]!,
      }),
    );
    value(await a.call('addIncidentNote', { incidentId: inc.id, text: 'Marisol-Quetzal seen' }));
    await settled([a, b]);
    h.relay.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = ['relay.sqlite', 'relay.sqlite-wal'].map((f) => join(h!.dir, 'relay', f));
    const bytes = files
      .filter(existsSync)
      .map((f) => readFileSync(f).toString('latin1'))
      .join('');
    expect(bytes.length).toBeGreaterThan(0);
    for (const text of [
      ...secretWords,
      'Marisol-Quetzal',
      'Dispatcher Ximena',
      inc.id,
      'home_raid',
      sampleIncident.reporterPhone!,
    ]) {
      expect(bytes.includes(text)).toBe(false);
    }
    // ... while the console's own database does hold it.
    expect(readFileSync(join(h.dir, 'Dispatcher Ximena.sqlite')).length).toBeGreaterThan(0);
  });
});

describe('sync faults', () => {
  it('a console killed partway through a catch-up resumes where it committed: nothing lost, nothing twice', async () => {
    // One blob a page, so the catch-up is dozens of transactions the kill can land among (or in).
    h = await harness({ pageItems: 1 });
    const ana = await h.console('Ana', { join: false });
    for (let i = 0; i < 1200; i++)
      value(await ana.call('createIncident', { ...sampleIncident, description: `Report ${i}` }));
    value(
      await ana.call('joinNetwork', {
        relayUrl: `http://127.0.0.1:${h.port}`,
        network: 'pioneer-valley',
        passphrase: PASSPHRASE,
      }),
    );
    await settled([ana], 20_000);
    const head = h.relay.store.head('pioneer-valley');
    expect(head).toBeGreaterThan(20);

    const dbFile = join(h.dir, 'Beto.sqlite');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'fixtures', 'catch-up-child.ts'),
        dbFile,
        `http://127.0.0.1:${h.port}`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const killedAt = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const seq = Number(chunk.toString().trim().split('\n').at(-1));
        if (seq > 0 && seq < head) {
          child.kill('SIGKILL');
          resolve(seq);
        }
      });
      child.once('exit', () => reject(new Error('the console finished before it could be killed')));
    });
    await new Promise((r) => child.once('exit', r));
    expect(killedAt).toBeLessThan(head);

    // Restarted on the same file, it carries on from what it had committed.
    const beto = createConsoleBackend({
      ...testEncryption,
      dbFile,
      sync: { scrypt: TEST_SCRYPT, tuning: TEST_TUNING },
    });
    h.consoles.push(beto);
    await settled([ana, beto], 20_000);
    expect(snapshot(beto)).toEqual(snapshot(ana));
    const counts = beto.ctx.db.$client
      .prepare(
        `SELECT (SELECT count(*) FROM incidents) AS incidents,
                (SELECT count(*) FROM activity_log) AS activity,
                (SELECT count(DISTINCT op_id) FROM op_log WHERE origin = 'remote') AS ops,
                (SELECT count(*) FROM sync_inbox) AS parked`,
      )
      .get();
    const anaOps = (
      ana.ctx.db.$client.prepare('SELECT count(*) AS n FROM op_log').get() as { n: number }
    ).n;
    expect(counts).toMatchObject({ incidents: 1200, ops: anaOps, parked: 0 });
  }, 60_000);

  it('clocks skewed by minutes: a small skew applies, one past the guard waits and then lands', async () => {
    h = await harness();
    let anaOffsetMs = 0;
    const ana = await h.console('Ana', { now: () => Date.now() + anaOffsetMs });
    // Beto's machine runs 2 minutes fast; Cleo's 12 minutes fast (past the 5-minute guard).
    const beto = await h.console('Beto', { now: () => Date.now() + 2 * 60_000 });
    const cleo = await h.console('Cleo', { now: () => Date.now() + 12 * 60_000 });
    await connected(ana, beto, cleo);

    const inc = value(await beto.call('createIncident', sampleIncident));
    await waitFor(async () => (await ana.call('getIncident', { id: inc.id })).ok, 'small skew');
    // Ana's clock has moved past Beto's: her later edit wins everywhere, despite her slow clock.
    value(await ana.call('updateIncident', { id: inc.id, changes: { description: 'Ana, later' } }));
    await waitFor(
      async () =>
        value(await beto.call('getIncident', { id: inc.id })).incident.description === 'Ana, later',
      "Ana's edit to win on Beto",
    );

    const far = value(
      await cleo.call('createIncident', { ...sampleIncident, description: 'From the future' }),
    );
    await waitFor(() => status(ana).waitingOpsCount > 0, 'the far-skewed op to be parked');
    expect((await ana.call('getIncident', { id: far.id })).ok).toBe(false);
    expect(status(ana).problems.some((p) => p.code === 'clock_drift')).toBe(true);
    expect(status(ana).waitingOps[0]).toMatchObject({ reason: 'clock_drift' });

    // When Ana's time reaches it (here: her clock is moved on), the parked op is applied.
    anaOffsetMs = 10 * 60_000;
    await waitFor(async () => (await ana.call('getIncident', { id: far.id })).ok, 'release');
    expect(status(ana).waitingOpsCount).toBe(0);
  }, 30_000);
});
