import { describe, expect, it } from 'vitest';
import {
  openSnapshot,
  PART_BYTES,
  sealSnapshot,
  type SnapshotPayload,
} from '../../backend/sync/snapshot';
import { deriveNetworkSecretSync, keysFromSecret } from '../../shared/sync/crypto';
import { MAX_BLOB_CHARS } from '../../shared/sync/protocol';

const keys = keysFromSecret(
  deriveNetworkSecretSync('a fictional passphrase', 'net', { N: 2 ** 10, r: 8, p: 1 }),
  'net',
);
const id = '6f1c2b9e-5d4a-4c3b-9a8f-7e6d5c4b3a21';

function payload(rows: number): SnapshotPayload {
  return {
    v: 1,
    tables: {
      incident: Array.from({ length: rows }, (_, i) => ({
        id: `inc-${i}`,
        description: `Fictional report ${i} near Main St, caller 555-0100`,
      })),
    },
    clocks: [{ entity: 'incident', entity_id: 'inc-0', field: '*', hlc: '0001' }],
  };
}

describe('sealed snapshots', () => {
  it('a large snapshot goes in several parts under the relay blob cap and opens to the same state', () => {
    const big = payload(40_000);
    const blobs = sealSnapshot(keys, id, big);
    expect(blobs.length).toBeGreaterThan(1);
    for (const blob of blobs) expect(blob.length).toBeLessThan(MAX_BLOB_CHARS);
    expect(blobs[0]!.length).toBeGreaterThan((PART_BYTES * 4) / 3);
    expect(openSnapshot(keys, blobs)).toEqual(big);
  });

  it('refuses parts reordered or missing', () => {
    const blobs = sealSnapshot(keys, id, payload(40_000));
    expect(() => openSnapshot(keys, [...blobs].reverse())).toThrow(/out of order or missing/);
    expect(() => openSnapshot(keys, blobs.slice(1))).toThrow(/out of order or missing/);
  });

  it('pads a small snapshot to a size bucket', () => {
    const a = sealSnapshot(keys, id, payload(1));
    const b = sealSnapshot(keys, id, payload(3));
    expect(a).toHaveLength(1);
    expect(a[0]!.length).toBe(b[0]!.length);
  });
});
