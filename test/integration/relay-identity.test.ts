import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EV, type Welcome } from '../../shared/sync/protocol';
import { hashAuthToken, sealJson } from '../../shared/sync/crypto';
import { uuidv7 } from '../../shared/ids';
import { hello, keys, next, pageThrough, relayTestBed, type RelayTestBed } from './relay-helpers';

/**
 * The relay's log identity: `welcome` carries the network's `logId` (made when the network
 * registered) and `headSeq`. A wiped relay gives a new id; a restored backup the same id with a
 * lower head; a console compares both with what it remembers.
 */
let bed: RelayTestBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

async function welcome(b: RelayTestBed): Promise<Welcome> {
  const s = b.connect();
  const w = next<Welcome>(s, EV.welcome);
  s.emit(EV.hello, hello());
  return w;
}

async function push(b: RelayTestBed, count: number): Promise<number[]> {
  const s = await b.authed();
  const ack = next<{ seqs: number[] }>(s, EV.ack);
  s.emit(EV.push, {
    batchId: uuidv7(),
    blobs: Array.from({ length: count }, () => sealJson(keys, 'op', uuidv7(), { n: 1 })),
  });
  return (await ack).seqs;
}

describe('relay log identity', () => {
  it('a wiped relay file gives a new logId; a restored old copy the same logId with a lower headSeq', async () => {
    bed = await relayTestBed({ allowedNetworks: ['net'] });
    const first = await welcome(bed);
    expect(first).toMatchObject({ headSeq: 0 });
    expect(first.logId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await push(bed, 3)).toEqual([1, 2, 3]);

    // A backup taken now (sqlite3 .backup), then more is pushed.
    const backup = join(bed.dir, 'backup.sqlite');
    await bed.relay.store.db.backup(backup);
    expect(await push(bed, 4)).toEqual([4, 5, 6, 7]);
    expect(await welcome(bed)).toMatchObject({ logId: first.logId, headSeq: 7 });

    // Restored from the backup: same log, older head (a console at 7 must re-push 4-7).
    await bed.relay.close();
    for (const f of ['relay.sqlite', 'relay.sqlite-wal', 'relay.sqlite-shm'])
      rmSync(join(bed.dir, f), { force: true });
    copyFileSync(backup, join(bed.dir, 'relay.sqlite'));
    await bed.restart();
    const restored = await welcome(bed);
    expect(restored).toMatchObject({ logId: first.logId, headSeq: 3 });
    expect(await pageThrough(await bed.authed())).toEqual([1, 2, 3]);

    // Wiped: the network registers afresh, under a new log id, from seq 0.
    await bed.relay.close();
    for (const f of ['relay.sqlite', 'relay.sqlite-wal', 'relay.sqlite-shm'])
      rmSync(join(bed.dir, f), { force: true });
    await bed.restart();
    const wiped = await welcome(bed);
    expect(wiped.headSeq).toBe(0);
    expect(wiped.logId).not.toBe(first.logId);
  });

  it('upgrades a relay file from before log ids and quotas without losing a blob', async () => {
    bed = await relayTestBed({ allowedNetworks: ['net'] });
    const dir = bed.dir;
    await bed.relay.close();
    rmSync(join(dir, 'relay.sqlite'), { force: true });
    const old = new Database(join(dir, 'relay.sqlite'));
    old.exec(`
      CREATE TABLE networks (network TEXT PRIMARY KEY, token_hash TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE log (network TEXT NOT NULL, seq INTEGER NOT NULL, blob TEXT NOT NULL,
        size INTEGER NOT NULL, received_at TEXT NOT NULL, device TEXT NOT NULL,
        PRIMARY KEY (network, seq)) WITHOUT ROWID;
    `);
    old
      .prepare('INSERT INTO networks VALUES (?, ?, ?)')
      .run('net', hashAuthToken(keys.authToken), 'then');
    const blob = sealJson(keys, 'op', uuidv7(), { n: 1 });
    old
      .prepare('INSERT INTO log VALUES (?, ?, ?, ?, ?, ?)')
      .run('net', 1, blob, blob.length, 'then', 'd');
    old.close();
    await bed.restart();
    const w = await welcome(bed);
    expect(w.headSeq).toBe(1);
    expect(w.logId).toMatch(/^[0-9a-f-]{36}$/);
    expect(bed.relay.store.usage('net')).toEqual({ bytes: blob.length, blobs: 1 });
    expect(bed.relay.store.read('net', 0, 10, 1e9)).toEqual([{ seq: 1, blob }]);
  });
});
