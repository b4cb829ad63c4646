import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { SqliteRelayStore } from '../../relay/sqlite-store';
import { PostgresRelayStore } from '../../relay/postgres-store';
import { EpochChangedError, type RelayStore } from '../../relay/store';
import { startPostgres, type PostgresServer } from './postgres-server';
import { freePort, hello, netKeys, next, relayTestBed } from './relay-helpers';
import { EV } from '../../shared/sync/protocol';

/**
 * Passphrase rotation on the relay. In its store, the same on SQLite and PostgreSQL: the epoch moves
 * only with the next number, over the whole log, with the staged snapshot complete; then the old
 * epoch's blobs are gone, the head stays, the old token is retired, and nothing of the old epoch
 * can be appended or staged any more. Over the protocol: only a socket welcomed with the current
 * token may rotate, and the old token is then told to re-join.
 */
let postgres: PostgresServer;
let dir: string;
beforeAll(async () => {
  postgres = startPostgres(await freePort(), { fsync: 'off' });
  dir = mkdtempSync(join(tmpdir(), 'relay-rotation-'));
});
afterAll(() => {
  postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const blob = (n: number) => `${'A'.repeat(60)}${String(n).padStart(8, '0')}`;
const OLD = 'a'.repeat(64);
const NEW = 'b'.repeat(64);

async function exercise(store: RelayStore, network: string): Promise<void> {
  const snapshots = store.snapshots!;
  await store.registerNetwork(network, OLD);
  for (let i = 1; i <= 5; i++) await store.append(network, 'd', [blob(i)], undefined, 1);
  const staged = (id: string, coversSeq: number, parts: number, part: number, sender = 1) =>
    snapshots.putSnapshotPart(network, {
      snapshotId: id,
      coversSeq,
      parts,
      part,
      blob: blob(100 + part),
      epoch: 2,
      senderEpoch: sender,
    });
  const rotate = (epoch: number, snapshotId: string, coversSeq: number) =>
    store.rotate(network, { epoch, snapshotId, coversSeq, tokenHash: NEW });

  const first = randomUUID();
  expect(await staged(first, 5, 2, 0)).toBe('stored');
  // Staged parts are never the network's snapshot before the rotation commits.
  expect(await snapshots.snapshotSeq(network)).toBeNull();
  expect((await rotate(2, first, 5)).outcome).toBe('incomplete');
  expect(await staged(first, 5, 2, 1)).toBe('stored');
  expect(await snapshots.snapshotSeq(network)).toBeNull();
  // A blob pushed after the snapshot was sealed: the rotation would lose it, so it waits.
  await store.append(network, 'd', [blob(6)], undefined, 1);
  expect((await rotate(2, first, 5)).outcome).toBe('behind');
  expect(await store.head(network)).toBe(6);

  const second = randomUUID();
  expect(await staged(second, 6, 1, 0)).toBe('stored');
  expect((await rotate(3, second, 6)).outcome).toBe('epoch_moved');
  expect(await rotate(2, second, 6)).toEqual({ outcome: 'rotated', removed: 6 });

  expect(await store.network(network)).toMatchObject({
    tokenHash: NEW,
    epoch: 2,
    retiredTokenHashes: [OLD],
  });
  // Nothing of epoch 1 is left: the log is empty and the one snapshot is the rotation's.
  expect(await store.read(network, 0, 100, 1e9)).toEqual([]);
  expect(await snapshots.snapshotSeq(network)).toBe(6);
  expect(await snapshots.snapshotPart(network, 0)).toMatchObject({ snapshotId: second, parts: 1 });
  expect(await store.usage(network)).toEqual({ bytes: 0, blobs: 0 });
  // The head stays, so positions and seqs mean what they meant; a console below it loads the snapshot.
  expect(await store.head(network)).toBe(6);
  expect(await snapshots.firstSeq(network)).toBe(7);

  // The losing side of a race, and any console still on epoch 1, get nothing in.
  expect((await rotate(2, first, 6)).outcome).toBe('epoch_moved');
  await expect(
    Promise.resolve().then(() => store.append(network, 'd', [blob(7)], undefined, 1)),
  ).rejects.toBeInstanceOf(EpochChangedError);
  expect(await staged(randomUUID(), 6, 1, 0)).toBe('stale');
  expect(
    await snapshots.putSnapshotPart(network, {
      snapshotId: randomUUID(),
      coversSeq: 6,
      parts: 1,
      part: 0,
      blob: blob(9),
      senderEpoch: 1,
    }),
  ).toBe('stale');
  expect(await store.append(network, 'd', [blob(7)], undefined, 2)).toEqual([7]);
  expect(await snapshots.firstSeq(network)).toBe(7);
  expect(await store.usage(network)).toEqual({ bytes: blob(7).length, blobs: 1 });
}

describe('relay store: passphrase rotation', () => {
  it('on SQLite', async () => {
    const store = new SqliteRelayStore(join(dir, 'sqlite'));
    try {
      await exercise(store, 'net');
    } finally {
      store.close();
    }
  });

  it('on SQLite, a file from a relay without epochs is upgraded in place at epoch 1', async () => {
    const folder = join(dir, 'old');
    const before = new SqliteRelayStore(folder);
    before.registerNetwork('net', OLD);
    before.append('net', 'd', [blob(1), blob(2)]);
    before.close();
    const raw = new Database(join(folder, 'relay.sqlite'));
    raw.exec(`
      ALTER TABLE networks DROP COLUMN epoch;
      ALTER TABLE networks DROP COLUMN retired_tokens;
      ALTER TABLE networks DROP COLUMN seq_floor;
      ALTER TABLE snapshots DROP COLUMN epoch;
    `);
    raw.close();
    const after = new SqliteRelayStore(folder);
    try {
      expect(after.network('net')).toMatchObject({
        tokenHash: OLD,
        epoch: 1,
        retiredTokenHashes: [],
      });
      expect(after.read('net', 0, 10, 1e9).map((i) => i.seq)).toEqual([1, 2]);
      expect(after.append('net', 'd', [blob(3)], undefined, 1)).toEqual([3]);
    } finally {
      after.close();
    }
  });

  it('on PostgreSQL', async () => {
    const store = await PostgresRelayStore.connect(postgres.url, 2);
    try {
      await exercise(store, 'net');
    } finally {
      await store.close();
    }
  });
});

describe('relay protocol: passphrase rotation', () => {
  it('takes a rotate only from a socket welcomed with the current token, and then tells the old token to re-join', async () => {
    const bed = await relayTestBed({ openRegistration: true });
    try {
      const newKeys = netKeys('net', 'the new passphrase for net');
      const owner = await bed.authed();
      // A second console of the network.
      const other = bed.connect();
      const otherWelcome = next<{ epoch?: number }>(other, EV.welcome);
      other.emit(EV.hello, hello());
      expect((await otherWelcome).epoch).toBe(1);
      const ack = next<{ seqs: number[] }>(owner, EV.ack);
      owner.emit(EV.push, { batchId: randomUUID(), blobs: [blob(1)] });
      expect((await ack).seqs).toEqual([1]);

      // Without a hello: refused, nothing staged or switched.
      const stranger = bed.connect();
      const refused = next<{ code: string }>(stranger, EV.error);
      stranger.emit(EV.rotate, {
        epoch: 2,
        newToken: newKeys.authToken,
        snapshotId: randomUUID(),
        coversSeq: 1,
      });
      expect((await refused).code).toBe('not_authenticated');
      // A wrong token never gets that far.
      expect((await bed.refusal({ token: 'c'.repeat(64) })).code).toBe('wrong_passphrase');

      const snapshotId = randomUUID();
      const staged = next<{ outcome: string }>(owner, EV.snapshotAck);
      owner.emit(EV.snapshotPut, {
        snapshotId,
        coversSeq: 1,
        parts: 1,
        part: 0,
        blob: blob(2),
        epoch: 2,
      });
      expect((await staged).outcome).toBe('stored');
      const told = next<{ code: string; fatal: boolean; epoch?: number }>(other, EV.error);
      const rotated = next<{ outcome: string; epoch: number; removed?: number }>(owner, EV.rotated);
      owner.emit(EV.rotate, { epoch: 2, newToken: newKeys.authToken, snapshotId, coversSeq: 1 });
      expect(await rotated).toEqual({ outcome: 'rotated', epoch: 2, removed: 1 });
      expect(await told).toMatchObject({ code: 'rejoin_required', fatal: true, epoch: 2 });

      // The old token: "re-join", with the epoch; the new one: welcome at epoch 2.
      expect(await bed.refusal({})).toMatchObject({ code: 'rejoin_required', fatal: true });
      const fresh = bed.connect();
      const freshWelcome = next<{ epoch?: number; headSeq: number }>(fresh, EV.welcome);
      fresh.emit(EV.hello, hello({ token: newKeys.authToken }));
      expect(await freshWelcome).toMatchObject({ epoch: 2, headSeq: 1 });
      expect(bed.relay.store.read('net', 0, 10, 1e9)).toEqual([]);
    } finally {
      await bed.close();
    }
  });
});
