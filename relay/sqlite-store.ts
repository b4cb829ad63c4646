import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  EpochChangedError,
  QuotaExceededError,
  fitsQuota,
  type InviteRefusal,
  type NetworkRecord,
  type NetworkUsage,
  type Quota,
  type RelayStore,
  type StoredItem,
} from './store';
import { SqliteSnapshots } from './sqlite-snapshots';
import {
  parseRetiredTokens,
  retireToken,
  rotationVerdict,
  type RotationOutcome,
  type RotationRequest,
} from '../shared/sync/rotation';
import { SqliteLinkStore } from './sqlite-link-store';

export type { StoredItem } from './store';

/**
 * The relay store in one SQLite file (`relay.sqlite`, WAL). Every accepted batch is one
 * transaction committed before it is acknowledged, so a restart (or a crash) never loses an
 * acknowledged op. Its methods are synchronous (the RelayStore interface allows it), which keeps
 * a push handler's append, ack and broadcast in one turn of the event loop.
 */
export class SqliteRelayStore implements RelayStore {
  readonly kind = 'sqlite';
  readonly db: Database.Database;
  readonly file: string;
  private readonly headOf: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly page: Database.Statement;
  private readonly usageOf: Database.Statement;
  private readonly addUsage: Database.Statement;
  private readonly appendState: Database.Statement;
  private readonly maxSeq: Database.Statement;
  readonly snapshots: SqliteSnapshots;
  readonly links: SqliteLinkStore;

  constructor(dataDir: string, options: { synchronous?: 'NORMAL' | 'FULL' } = {}) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'relay.sqlite');
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    this.snapshots = new SqliteSnapshots(this.db, (network) => this.head(network));
    this.links = new SqliteLinkStore(this.db);
    // The head is read from the file, never cached: relay nodes that share this file (see
    // docs/relay.md, multi-node) each append, and the primary key makes the seek one B-tree step.
    // A rotation empties the log and leaves its head in `seq_floor`, so the head never goes back.
    this.headOf = this.db
      .prepare(
        `SELECT max(coalesce((SELECT MAX(seq) FROM log WHERE network = ?), 0),
                    coalesce((SELECT seq_floor FROM networks WHERE network = ?), 0))`,
      )
      .pluck();
    this.insert = this.db.prepare(
      'INSERT INTO log (network, seq, blob, size, received_at, device) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.page = this.db.prepare(
      'SELECT seq, blob FROM log WHERE network = ? AND seq > ? ORDER BY seq LIMIT ?',
    );
    this.usageOf = this.db.prepare('SELECT bytes, blobs FROM networks WHERE network = ?');
    this.appendState = this.db.prepare(
      'SELECT bytes, blobs, epoch, seq_floor FROM networks WHERE network = ?',
    );
    this.maxSeq = this.db.prepare('SELECT MAX(seq) FROM log WHERE network = ?').pluck();
    this.addUsage = this.db.prepare(
      'UPDATE networks SET bytes = bytes + ?, blobs = blobs + ? WHERE network = ?',
    );
  }

  /** Creates the schema, and brings a file from an older relay up to it (nothing is lost). */
  private migrate(): void {
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS networks (
        network TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS log (
        network TEXT NOT NULL,
        seq INTEGER NOT NULL,
        blob TEXT NOT NULL,
        size INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        device TEXT NOT NULL,
        PRIMARY KEY (network, seq)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS invites (
        code_hash TEXT PRIMARY KEY,
        network TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at TEXT
      );
    `);
    const columns = new Set(
      (this.db.pragma('table_info(networks)') as { name: string }[]).map((c) => c.name),
    );
    if (!columns.has('log_id')) this.addLogIds();
    if (!columns.has('epoch')) this.addEpochs();
  }

  /** Key epochs (passphrase rotation); nodes sharing the file may start at once. */
  private addEpochs(): void {
    this.db
      .transaction(() => {
        const has = (this.db.pragma('table_info(networks)') as { name: string }[]).some(
          (c) => c.name === 'epoch',
        );
        if (has) return;
        this.db.exec(`
          ALTER TABLE networks ADD COLUMN epoch INTEGER NOT NULL DEFAULT 1;
          ALTER TABLE networks ADD COLUMN retired_tokens TEXT NOT NULL DEFAULT '[]';
          ALTER TABLE networks ADD COLUMN seq_floor INTEGER NOT NULL DEFAULT 0;
        `);
      })
      .immediate();
  }

  private addLogIds(): void {
    this.db
      .transaction(() => {
        this.db.exec(`
          ALTER TABLE networks ADD COLUMN log_id TEXT;
          ALTER TABLE networks ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
          ALTER TABLE networks ADD COLUMN blobs INTEGER NOT NULL DEFAULT 0;
          UPDATE networks SET
            bytes = coalesce((SELECT sum(size) FROM log WHERE log.network = networks.network), 0),
            blobs = (SELECT count(*) FROM log WHERE log.network = networks.network);
        `);
        const setId = this.db.prepare('UPDATE networks SET log_id = ? WHERE network = ?');
        for (const network of this.db.prepare('SELECT network FROM networks').pluck().all())
          setId.run(randomUUID(), network);
      })
      .immediate();
  }

  network(network: string): NetworkRecord | null {
    const row = this.db
      .prepare('SELECT token_hash, log_id, epoch, retired_tokens FROM networks WHERE network = ?')
      .get(network) as
      { token_hash: string; log_id: string; epoch: number; retired_tokens: string } | undefined;
    return row
      ? {
          tokenHash: row.token_hash,
          logId: row.log_id,
          epoch: row.epoch,
          retiredTokenHashes: parseRetiredTokens(row.retired_tokens),
        }
      : null;
  }

  registerNetwork(network: string, tokenHash: string): NetworkRecord {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO networks (network, token_hash, created_at, log_id) VALUES (?, ?, ?, ?)',
      )
      .run(network, tokenHash, new Date().toISOString(), randomUUID());
    return this.network(network)!;
  }

  registerWithInvite(
    network: string,
    tokenHash: string,
    inviteHash: string,
    nowMs: number,
  ): NetworkRecord | InviteRefusal {
    return this.db
      .transaction((): NetworkRecord | InviteRefusal => {
        const existing = this.network(network);
        if (existing) return existing;
        const invite = this.db
          .prepare('SELECT network, expires_at, used_at FROM invites WHERE code_hash = ?')
          .get(inviteHash) as
          { network: string; expires_at: number; used_at: string | null } | undefined;
        if (!invite || invite.network !== network) return 'invite_invalid';
        if (invite.used_at !== null) return 'invite_used';
        if (invite.expires_at <= nowMs) return 'invite_expired';
        this.db
          .prepare('UPDATE invites SET used_at = ? WHERE code_hash = ?')
          .run(new Date(nowMs).toISOString(), inviteHash);
        return this.registerNetwork(network, tokenHash);
      })
      .immediate();
  }

  createInvite(network: string, inviteHash: string, expiresAtMs: number): void {
    this.db
      .prepare(
        'INSERT INTO invites (code_hash, network, created_at, expires_at) VALUES (?, ?, ?, ?)',
      )
      .run(inviteHash, network, new Date().toISOString(), expiresAtMs);
  }

  networkCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM networks').get() as { n: number }).n;
  }

  head(network: string): number {
    return (this.headOf.get(network, network) as number | null) ?? 0;
  }

  usage(network: string): NetworkUsage {
    return (this.usageOf.get(network) as NetworkUsage | undefined) ?? { bytes: 0, blobs: 0 };
  }

  /**
   * Appends blobs in one IMMEDIATE transaction (the write lock is taken before the head is read,
   * so two nodes appending to one file can never hand out the same seq); returns their seqs.
   */
  append(
    network: string,
    device: string,
    blobs: readonly string[],
    quota?: Quota,
    epoch?: number,
  ): number[] {
    const receivedAt = new Date().toISOString();
    return this.db
      .transaction(() => {
        // One read of the network's row: usage, epoch and the head a rotation left.
        const row = this.appendState.get(network) as
          (NetworkUsage & { epoch: number; seq_floor: number }) | undefined;
        if (epoch !== undefined && row && row.epoch !== epoch)
          throw new EpochChangedError(row.epoch);
        const usage = row ? { bytes: row.bytes, blobs: row.blobs } : { bytes: 0, blobs: 0 };
        if (!fitsQuota(usage, blobs, quota)) throw new QuotaExceededError(usage, quota!);
        const start = Math.max(
          (this.maxSeq.get(network) as number | null) ?? 0,
          row?.seq_floor ?? 0,
        );
        let bytes = 0;
        const seqs = blobs.map((blob, i) => {
          this.insert.run(network, start + 1 + i, blob, blob.length, receivedAt, device);
          bytes += blob.length;
          return start + 1 + i;
        });
        this.addUsage.run(bytes, blobs.length, network);
        return seqs;
      })
      .immediate();
  }

  read(network: string, fromSeq: number, limit: number, maxChars: number): StoredItem[] {
    // Rows are read one at a time: a page of batched blobs may be a dozen rows of 300 KB, and
    // fetching `limit` of them only to keep a dozen would read hundreds of megabytes per page.
    const items: StoredItem[] = [];
    let chars = 0;
    for (const row of this.page.iterate(network, fromSeq, limit) as Iterable<StoredItem>) {
      chars += row.blob.length;
      if (chars > maxChars && items.length > 0) break;
      items.push(row);
    }
    return items;
  }

  rotate(
    network: string,
    request: RotationRequest & { tokenHash: string },
  ): { outcome: RotationOutcome; removed: number } {
    return this.db
      .transaction(() => {
        const record = this.network(network);
        if (!record) return { outcome: 'epoch_moved' as const, removed: 0 };
        const head = this.head(network);
        const staged = this.db
          .prepare(
            `SELECT count(*) AS held, MAX(parts) AS needed FROM snapshots
               WHERE network = ? AND snapshot_id = ? AND epoch = ? AND covers_seq = ?`,
          )
          .get(network, request.snapshotId, request.epoch, request.coversSeq) as {
          held: number;
          needed: number | null;
        };
        const outcome = rotationVerdict({ epoch: record.epoch, head }, request, staged);
        if (outcome !== 'rotated') return { outcome, removed: 0 };
        const removed = this.db.prepare('DELETE FROM log WHERE network = ?').run(network).changes;
        this.db
          .prepare('DELETE FROM snapshots WHERE network = ? AND snapshot_id != ?')
          .run(network, request.snapshotId);
        this.db
          .prepare('UPDATE snapshots SET complete = 1 WHERE network = ? AND snapshot_id = ?')
          .run(network, request.snapshotId);
        this.db
          .prepare(
            `UPDATE networks SET token_hash = ?, epoch = ?, retired_tokens = ?, seq_floor = ?,
               bytes = 0, blobs = 0 WHERE network = ?`,
          )
          .run(
            request.tokenHash,
            request.epoch,
            JSON.stringify(retireToken(record.retiredTokenHashes, record.tokenHash)),
            head,
            network,
          );
        return { outcome, removed };
      })
      .immediate();
  }

  close(): void {
    this.db.close();
  }
}
