import type Database from 'better-sqlite3';
import type { SnapshotPartRecord, SnapshotPutOutcome, SnapshotStore } from './store';
import { firstHeldSeq, snapshotPartPlace } from '../shared/sync/rotation';

/**
 * Snapshots in the relay's SQLite file (see SnapshotStore in ./store). Parts are staged under
 * their snapshot id; the part that completes a snapshot newer than the current one makes it the
 * latest and removes the older ones in the same transaction.
 */
export class SqliteSnapshots implements SnapshotStore {
  constructor(
    private readonly db: Database.Database,
    private readonly head: (network: string) => number,
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS snapshots (
        network TEXT NOT NULL,
        snapshot_id TEXT NOT NULL,
        covers_seq INTEGER NOT NULL,
        parts INTEGER NOT NULL,
        part INTEGER NOT NULL,
        blob TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        complete INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (network, snapshot_id, part)
      ) WITHOUT ROWID;
    `);
    const columns = db.pragma('table_info(snapshots)') as { name: string }[];
    if (!columns.some((c) => c.name === 'epoch'))
      db.exec('ALTER TABLE snapshots ADD COLUMN epoch INTEGER NOT NULL DEFAULT 1');
  }

  private latest(network: string): { snapshot_id: string; covers_seq: number } | undefined {
    return this.db
      .prepare(
        `SELECT snapshot_id, covers_seq FROM snapshots WHERE network = ? AND complete = 1
           ORDER BY covers_seq DESC LIMIT 1`,
      )
      .get(network) as { snapshot_id: string; covers_seq: number } | undefined;
  }

  putSnapshotPart(network: string, p: SnapshotPartRecord): SnapshotPutOutcome {
    return this.db
      .transaction((): SnapshotPutOutcome => {
        const networkEpoch =
          (this.db.prepare('SELECT epoch FROM networks WHERE network = ?').pluck().get(network) as
            number | undefined) ?? 1;
        const place = snapshotPartPlace(networkEpoch, p.epoch, p.senderEpoch);
        if (place === 'stale') return 'stale';
        const current = this.latest(network);
        const head = this.head(network);
        if (p.coversSeq > head) return 'stale';
        if (place === 'current' && current && current.covers_seq >= p.coversSeq) return 'stale';
        this.db
          .prepare(
            `INSERT OR REPLACE INTO snapshots
               (network, snapshot_id, covers_seq, parts, part, blob, received_at, complete, epoch)
               VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)`,
          )
          .run(
            network,
            p.snapshotId,
            p.coversSeq,
            p.parts,
            p.part,
            p.blob,
            Date.now(),
            p.epoch ?? networkEpoch,
          );
        // A rotation's snapshot waits, staged, for the rotate that names it.
        if (place === 'staged') return 'stored';
        const have = this.db
          .prepare(
            'SELECT count(*) FROM snapshots WHERE network = ? AND snapshot_id = ? AND parts = ?',
          )
          .pluck()
          .get(network, p.snapshotId, p.parts) as number;
        if (have < p.parts) return 'stored';
        this.db
          .prepare(
            'DELETE FROM snapshots WHERE network = ? AND snapshot_id != ? AND covers_seq <= ?',
          )
          .run(network, p.snapshotId, p.coversSeq);
        this.db
          .prepare('UPDATE snapshots SET complete = 1 WHERE network = ? AND snapshot_id = ?')
          .run(network, p.snapshotId);
        return 'complete';
      })
      .immediate();
  }

  snapshotPart(network: string, part: number): SnapshotPartRecord | null {
    const current = this.latest(network);
    if (!current) return null;
    const row = this.db
      .prepare(
        `SELECT snapshot_id AS snapshotId, covers_seq AS coversSeq, parts, part, blob
           FROM snapshots WHERE network = ? AND snapshot_id = ? AND part = ?`,
      )
      .get(network, current.snapshot_id, part) as SnapshotPartRecord | undefined;
    return row ?? null;
  }

  snapshotSeq(network: string): number | null {
    return this.latest(network)?.covers_seq ?? null;
  }

  firstSeq(network: string): number {
    const min = this.db.prepare('SELECT MIN(seq) FROM log WHERE network = ?').pluck().get(network);
    return firstHeldSeq((min as number | null) ?? null, this.head(network));
  }

  prune(cutoffMs: number): number {
    const cutoffIso = new Date(cutoffMs).toISOString();
    return this.db
      .transaction(() => {
        // Uploads that never completed (a console that went away mid-upload).
        this.db
          .prepare('DELETE FROM snapshots WHERE complete = 0 AND received_at < ?')
          .run(Math.min(cutoffMs, Date.now() - 86_400_000));
        const covered = this.db
          .prepare(
            'SELECT network, MAX(covers_seq) AS seq FROM snapshots WHERE complete = 1 GROUP BY network',
          )
          .all() as { network: string; seq: number }[];
        let deleted = 0;
        for (const { network, seq } of covered) {
          const freed = this.db
            .prepare(
              `SELECT count(*) AS blobs, coalesce(sum(size), 0) AS bytes FROM log
                 WHERE network = ? AND seq < ? AND received_at < ?`,
            )
            .get(network, seq, cutoffIso) as { blobs: number; bytes: number };
          if (freed.blobs === 0) continue;
          this.db
            .prepare('DELETE FROM log WHERE network = ? AND seq < ? AND received_at < ?')
            .run(network, seq, cutoffIso);
          this.db
            .prepare('UPDATE networks SET bytes = bytes - ?, blobs = blobs - ? WHERE network = ?')
            .run(freed.bytes, freed.blobs, network);
          deleted += freed.blobs;
        }
        return deleted;
      })
      .immediate();
  }
}
