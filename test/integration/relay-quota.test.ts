import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { EV, type RelayError } from '../../shared/sync/protocol';
import { uuidv7 } from '../../shared/ids';
import { relayTestBed, type RelayTestBed } from './relay-helpers';

/**
 * Storage limits: per-network bytes and blobs, and a free-disk margin. A push past them is
 * refused with its code and batch id (not acknowledged, so the console keeps it queued), the
 * file stops growing, and every blob acknowledged before is still there, byte for byte.
 */
let bed: RelayTestBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

const MB = 1024 * 1024;
type Outcome = { ack: number[] } | { refused: RelayError };

/** One push and whatever the relay answers it with. */
function push(s: Socket, blobs: string[]): Promise<Outcome & { batchId: string }> {
  const batchId = uuidv7();
  return new Promise((resolve) => {
    const onAck = (a: { batchId: string; seqs: number[] }) => {
      if (a.batchId !== batchId) return;
      off();
      resolve({ batchId, ack: a.seqs });
    };
    const onError = (e: RelayError) => {
      if (e.batchId !== batchId) return;
      off();
      resolve({ batchId, refused: e });
    };
    const off = () => {
      s.off(EV.ack, onAck);
      s.off(EV.error, onError);
    };
    s.on(EV.ack, onAck);
    s.on(EV.error, onError);
    s.emit(EV.push, { batchId, blobs });
  });
}

const fileBytes = (dir: string) =>
  ['relay.sqlite', 'relay.sqlite-wal']
    .map((f) => {
      try {
        return statSync(join(dir, f)).size;
      } catch {
        return 0;
      }
    })
    .reduce((a, b) => a + b, 0);

describe('relay quotas', () => {
  it('refuses a 47 x 6 MB flood past the network quota: the file stops growing and acknowledged blobs are intact', async () => {
    bed = await relayTestBed({ allowedNetworks: ['net'], quota: { maxBytes: 30 * MB } });
    const s = await bed.authed();
    // 6 MB a push: three blobs of 2,000,000 base64 characters, the most one push may carry.
    const sixMb = () => Array.from({ length: 3 }, () => randomBytes(1_500_000).toString('base64'));
    const acked = new Map<number, string>();
    const outcomes: (Outcome & { batchId: string })[] = [];
    let sizeAtFirstRefusal = 0;
    for (let i = 0; i < 47; i++) {
      const blobs = sixMb();
      const outcome = await push(s, blobs);
      outcomes.push(outcome);
      if ('ack' in outcome) outcome.ack.forEach((seq, k) => acked.set(seq, blobs[k]!));
      else if (!sizeAtFirstRefusal) sizeAtFirstRefusal = fileBytes(bed.dir);
    }
    const acks = outcomes.filter((o) => 'ack' in o);
    const refusals = outcomes.filter((o) => 'refused' in o);
    // 5 x 6,000,000 characters fit in 30 MiB; the 6th would not.
    expect(acks).toHaveLength(5);
    expect(refusals).toHaveLength(42);
    for (const r of refusals) {
      if (!('refused' in r)) continue;
      expect(r.refused).toMatchObject({ code: 'quota_exceeded', fatal: false, batchId: r.batchId });
      expect(r.refused.retryAfterMs).toBeGreaterThan(0);
    }
    expect(s.connected).toBe(true);
    expect(fileBytes(bed.dir)).toBeLessThanOrEqual(sizeAtFirstRefusal);
    expect(fileBytes(bed.dir)).toBeLessThan(45 * MB);
    const stored = bed.relay.store.read('net', 0, 100, Number.MAX_SAFE_INTEGER);
    expect(stored.map((i) => i.seq)).toEqual([...acked.keys()]);
    for (const item of stored) expect(item.blob === acked.get(item.seq)).toBe(true);
    expect(bed.relay.store.usage('net')).toEqual({ bytes: 30_000_000, blobs: 15 });
    expect(bed.logs.filter((l) => l.event === 'push.refused')).toHaveLength(42);
  }, 60_000);

  it('counts blobs too: a batch that would pass the blob quota is refused whole, a smaller one still fits', async () => {
    bed = await relayTestBed({ allowedNetworks: ['net'], quota: { maxBlobs: 5 } });
    const s = await bed.authed();
    const blob = () => randomBytes(60).toString('base64');
    expect(await push(s, [blob(), blob(), blob()])).toMatchObject({ ack: [1, 2, 3] });
    expect(await push(s, [blob(), blob(), blob()])).toMatchObject({
      refused: { code: 'quota_exceeded' },
    });
    expect(await push(s, [blob(), blob()])).toMatchObject({ ack: [4, 5] });
    expect(bed.relay.store.head('net')).toBe(5);
  });

  it('refuses pushes with disk_full when free disk is under the margin, and takes them once it is not', async () => {
    bed = await relayTestBed({
      allowedNetworks: ['net'],
      minFreeDiskBytes: Number.MAX_SAFE_INTEGER,
    });
    const s = await bed.authed();
    const blob = randomBytes(60).toString('base64');
    const refused = await push(s, [blob]);
    expect(refused).toMatchObject({ refused: { code: 'disk_full', fatal: false } });
    expect('refused' in refused && refused.refused.batchId).toBe(refused.batchId);
    expect(bed.relay.store.head('net')).toBe(0);
    await bed.restart({ minFreeDiskBytes: 0 });
    expect(await push(await bed.authed(), [blob])).toMatchObject({ ack: [1] });
  });
});
