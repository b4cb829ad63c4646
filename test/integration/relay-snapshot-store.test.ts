import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { SqliteRelayStore } from '../../relay/sqlite-store';
import { PostgresRelayStore } from '../../relay/postgres-store';
import type { RelayStore } from '../../relay/store';
import { startPostgres, type PostgresServer } from './postgres-server';
import { freePort } from './relay-helpers';

/**
 * The relay's snapshot store, the same on SQLite and PostgreSQL: the latest complete snapshot
 * wins, parts come back in order, and pruning deletes only covered blobs past retention while
 * the head (the next seq) never goes back.
 */
let postgres: PostgresServer;
let dir: string;
beforeAll(async () => {
  postgres = startPostgres(await freePort(), { fsync: 'off' });
  dir = mkdtempSync(join(tmpdir(), 'relay-snap-'));
});
afterAll(() => {
  postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const blob = (n: number) => `${'A'.repeat(60)}${String(n).padStart(8, '0')}`;

async function exercise(store: RelayStore, network: string): Promise<void> {
  const snapshots = store.snapshots!;
  await store.registerNetwork(network, 'f'.repeat(64));
  for (let i = 0; i < 10; i++) await store.append(network, 'd', [blob(i)]);
  expect(await snapshots.snapshotSeq(network)).toBeNull();
  const first = randomUUID();
  const part = (id: string, coversSeq: number, parts: number, p: number) => ({
    snapshotId: id,
    coversSeq,
    parts,
    part: p,
    blob: blob(100 + p),
  });
  expect(await snapshots.putSnapshotPart(network, part(first, 6, 2, 0))).toBe('stored');
  // Incomplete: not served yet.
  expect(await snapshots.snapshotSeq(network)).toBeNull();
  expect(await snapshots.putSnapshotPart(network, part(first, 6, 2, 1))).toBe('complete');
  expect(await snapshots.snapshotSeq(network)).toBe(6);
  expect((await snapshots.snapshotPart(network, 1))?.blob).toBe(blob(101));
  // Not newer, or beyond the head: refused.
  expect(await snapshots.putSnapshotPart(network, part(randomUUID(), 5, 1, 0))).toBe('stale');
  expect(await snapshots.putSnapshotPart(network, part(randomUUID(), 11, 1, 0))).toBe('stale');

  // Within retention nothing goes; past it, everything below the snapshot's seq.
  expect(await snapshots.prune(Date.now() - 86_400_000)).toBe(0);
  expect(await snapshots.firstSeq(network)).toBe(1);
  expect(await snapshots.prune(Date.now() + 1000)).toBe(5);
  expect(await snapshots.firstSeq(network)).toBe(6);
  expect(await store.usage(network)).toMatchObject({ blobs: 5 });
  expect((await store.read(network, 0, 100, 1e9)).map((i) => i.seq)).toEqual([6, 7, 8, 9, 10]);
  expect(await store.append(network, 'd', [blob(11)])).toEqual([11]);

  // A newer snapshot replaces the old one.
  const second = randomUUID();
  expect(await snapshots.putSnapshotPart(network, part(second, 11, 1, 0))).toBe('complete');
  expect(await snapshots.snapshotPart(network, 0)).toMatchObject({ snapshotId: second, parts: 1 });
  expect(await snapshots.snapshotPart(network, 1)).toBeNull();
  expect(await snapshots.prune(Date.now() + 1000)).toBe(5);
  expect(await store.head(network)).toBe(11);
  expect(await store.append(network, 'd', [blob(12)])).toEqual([12]);
}

describe('relay snapshot store', () => {
  it('on SQLite', async () => {
    const store = new SqliteRelayStore(join(dir, 'sqlite'));
    try {
      await exercise(store, 'net');
    } finally {
      store.close();
    }
  });

  it('on PostgreSQL', async () => {
    const store = await PostgresRelayStore.connect(postgres.url, 2);
    try {
      await exercise(store, 'net');
      const db = new pg.Client({ connectionString: postgres.url });
      await db.connect();
      const { rows } = await db.query('SELECT count(*)::int AS n FROM relay_snapshots');
      await db.end();
      expect(rows[0].n).toBe(1);
    } finally {
      await store.close();
    }
  });
});
