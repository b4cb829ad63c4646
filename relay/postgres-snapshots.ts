import type pg from 'pg';
import type { SnapshotPartRecord, SnapshotPutOutcome, SnapshotStore } from './store';
import { firstHeldSeq, snapshotPartPlace } from '../shared/sync/rotation';

/** Snapshots in PostgreSQL (see SnapshotStore in ./store and ./sqlite-snapshots for SQLite). */
export const SNAPSHOT_SCHEMA = `
  CREATE TABLE IF NOT EXISTS relay_snapshots (
    network TEXT NOT NULL,
    snapshot_id TEXT NOT NULL,
    covers_seq BIGINT NOT NULL,
    parts INTEGER NOT NULL,
    part INTEGER NOT NULL,
    blob TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    complete BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (network, snapshot_id, part)
  );
  ALTER TABLE relay_snapshots ADD COLUMN IF NOT EXISTS epoch INTEGER NOT NULL DEFAULT 1;
`;

type Transaction = <T>(work: (db: pg.PoolClient) => Promise<T>) => Promise<T>;

/**
 * The head is `relay_networks.head_seq`, never MAX(seq), so deleting covered log rows cannot
 * move it back. A network's snapshot writes take its counter row lock, like appends.
 */
export class PostgresSnapshots implements SnapshotStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly transaction: Transaction,
  ) {}

  private async latest(
    db: pg.Pool | pg.PoolClient,
    network: string,
  ): Promise<{ snapshot_id: string; covers_seq: number } | undefined> {
    const { rows } = await db.query<{ snapshot_id: string; covers_seq: string }>(
      `SELECT snapshot_id, covers_seq FROM relay_snapshots WHERE network = $1 AND complete
         ORDER BY covers_seq DESC LIMIT 1`,
      [network],
    );
    return rows[0]
      ? { snapshot_id: rows[0].snapshot_id, covers_seq: Number(rows[0].covers_seq) }
      : undefined;
  }

  putSnapshotPart(network: string, p: SnapshotPartRecord): Promise<SnapshotPutOutcome> {
    return this.transaction(async (db) => {
      const { rows } = await db.query<{ head_seq: string; epoch: number }>(
        'SELECT head_seq, epoch FROM relay_networks WHERE network = $1 FOR UPDATE',
        [network],
      );
      const head = Number(rows[0]?.head_seq ?? 0);
      const networkEpoch = Number(rows[0]?.epoch ?? 1);
      const place = snapshotPartPlace(networkEpoch, p.epoch, p.senderEpoch);
      if (place === 'stale' || p.coversSeq > head) return 'stale';
      const current = await this.latest(db, network);
      if (place === 'current' && current && current.covers_seq >= p.coversSeq) return 'stale';
      await db.query(
        `INSERT INTO relay_snapshots (network, snapshot_id, covers_seq, parts, part, blob, epoch)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (network, snapshot_id, part) DO UPDATE SET blob = excluded.blob`,
        [network, p.snapshotId, p.coversSeq, p.parts, p.part, p.blob, p.epoch ?? networkEpoch],
      );
      // A rotation's snapshot waits, staged, for the rotate that names it.
      if (place === 'staged') return 'stored';
      const have = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM relay_snapshots
           WHERE network = $1 AND snapshot_id = $2 AND parts = $3`,
        [network, p.snapshotId, p.parts],
      );
      if (Number(have.rows[0]!.n) < p.parts) return 'stored';
      await db.query(
        `DELETE FROM relay_snapshots WHERE network = $1 AND snapshot_id <> $2 AND covers_seq <= $3`,
        [network, p.snapshotId, p.coversSeq],
      );
      await db.query(
        'UPDATE relay_snapshots SET complete = true WHERE network = $1 AND snapshot_id = $2',
        [network, p.snapshotId],
      );
      return 'complete';
    });
  }

  async snapshotPart(network: string, part: number): Promise<SnapshotPartRecord | null> {
    const current = await this.latest(this.pool, network);
    if (!current) return null;
    const { rows } = await this.pool.query<{ parts: number; blob: string }>(
      'SELECT parts, blob FROM relay_snapshots WHERE network = $1 AND snapshot_id = $2 AND part = $3',
      [network, current.snapshot_id, part],
    );
    const row = rows[0];
    return row
      ? {
          snapshotId: current.snapshot_id,
          coversSeq: current.covers_seq,
          parts: row.parts,
          part,
          blob: row.blob,
        }
      : null;
  }

  async snapshotSeq(network: string): Promise<number | null> {
    return (await this.latest(this.pool, network))?.covers_seq ?? null;
  }

  async firstSeq(network: string): Promise<number> {
    const { rows } = await this.pool.query<{ first: string | null; head: string | null }>(
      `SELECT (SELECT MIN(seq) FROM relay_log WHERE network = $1) AS first,
              (SELECT head_seq FROM relay_networks WHERE network = $1) AS head`,
      [network],
    );
    const first = rows[0]?.first;
    return firstHeldSeq(first == null ? null : Number(first), Number(rows[0]?.head ?? 0));
  }

  prune(cutoffMs: number): Promise<number> {
    return this.transaction(async (db) => {
      await db.query(`DELETE FROM relay_snapshots WHERE NOT complete AND received_at < $1`, [
        new Date(Math.min(cutoffMs, Date.now() - 86_400_000)),
      ]);
      const { rows } = await db.query<{ network: string; seq: string }>(
        `SELECT network, MAX(covers_seq) AS seq FROM relay_snapshots WHERE complete GROUP BY network`,
      );
      let deleted = 0;
      for (const { network, seq } of rows) {
        const freed = await db.query<{ blobs: string; bytes: string }>(
          `WITH gone AS (
             DELETE FROM relay_log WHERE network = $1 AND seq < $2 AND received_at < $3
             RETURNING size)
           SELECT count(*) AS blobs, coalesce(sum(size), 0) AS bytes FROM gone`,
          [network, Number(seq), new Date(cutoffMs)],
        );
        const blobs = Number(freed.rows[0]!.blobs);
        if (blobs === 0) continue;
        await db.query(
          'UPDATE relay_networks SET bytes = bytes - $1, blobs = blobs - $2 WHERE network = $3',
          [Number(freed.rows[0]!.bytes), blobs, network],
        );
        deleted += blobs;
      }
      return deleted;
    });
  }
}
