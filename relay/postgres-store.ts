import pg from 'pg';
import { randomUUID } from 'node:crypto';
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
import { PostgresSnapshots, SNAPSHOT_SCHEMA } from './postgres-snapshots';
import { LINK_SCHEMA, PostgresLinkStore } from './postgres-link-store';
import {
  parseRetiredTokens,
  retireToken,
  rotationVerdict,
  type RotationOutcome,
  type RotationRequest,
} from '../shared/sync/rotation';

/**
 * The relay store in PostgreSQL, for relay nodes on several hosts (`--postgres URL`). Seqs come
 * from a per-network counter row (`relay_networks.head_seq`) locked FOR UPDATE inside the
 * append transaction: concurrent appends from any number of nodes queue on that row, each takes
 * the next seqs, and a failed transaction rolls the counter back with its rows, so seqs stay
 * gap-free and unique. Fan-out between nodes stays in Redis Streams (./cluster).
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS relay_networks (
    network TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL,
    log_id TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    head_seq BIGINT NOT NULL DEFAULT 0,
    bytes BIGINT NOT NULL DEFAULT 0,
    blobs BIGINT NOT NULL DEFAULT 0
  );
  CREATE TABLE IF NOT EXISTS relay_log (
    network TEXT NOT NULL,
    seq BIGINT NOT NULL,
    blob TEXT NOT NULL,
    size INTEGER NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    device TEXT NOT NULL,
    PRIMARY KEY (network, seq)
  );
  CREATE TABLE IF NOT EXISTS relay_invites (
    code_hash TEXT PRIMARY KEY,
    network TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
  );
  ALTER TABLE relay_networks ADD COLUMN IF NOT EXISTS epoch INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE relay_networks ADD COLUMN IF NOT EXISTS retired_tokens TEXT NOT NULL DEFAULT '[]';
`;
const RECORD_COLUMNS = 'token_hash, log_id, epoch, retired_tokens';
interface RecordRow {
  token_hash: string;
  log_id: string;
  epoch: number;
  retired_tokens: string;
}
const recordOf = (row: RecordRow): NetworkRecord => ({
  tokenHash: row.token_hash,
  logId: row.log_id,
  epoch: Number(row.epoch),
  retiredTokenHashes: parseRetiredTokens(row.retired_tokens),
});
/** Serializes schema creation across nodes starting at once (CREATE IF NOT EXISTS can race). */
const SCHEMA_LOCK = 7_318_214_001;

export class PostgresRelayStore implements RelayStore {
  readonly kind = 'postgres';

  readonly snapshots: PostgresSnapshots;
  readonly links: PostgresLinkStore;

  private constructor(readonly pool: pg.Pool) {
    this.snapshots = new PostgresSnapshots(pool, (work) => this.transaction(work));
    this.links = new PostgresLinkStore(pool);
  }

  static async connect(
    url: string,
    poolSize = 10,
    onError: (error: Error) => void = () => {},
  ): Promise<PostgresRelayStore> {
    const pool = new pg.Pool({ connectionString: url, max: poolSize });
    // An idle client that loses its server emits here (unhandled, it would end the process);
    // the pool replaces it on next use, and the failing query is answered as an internal error.
    pool.on('error', onError);
    const store = new PostgresRelayStore(pool);
    await store.transaction(async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      await db.query(SCHEMA);
      await db.query(SNAPSHOT_SCHEMA);
      await db.query(LINK_SCHEMA);
    });
    return store;
  }

  private async transaction<T>(work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    const db = await this.pool.connect();
    try {
      await db.query('BEGIN');
      const result = await work(db);
      await db.query('COMMIT');
      return result;
    } catch (error) {
      await db.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      db.release();
    }
  }

  async network(network: string): Promise<NetworkRecord | null> {
    const { rows } = await this.pool.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM relay_networks WHERE network = $1`,
      [network],
    );
    return rows[0] ? recordOf(rows[0]) : null;
  }

  private async insertNetwork(
    db: pg.Pool | pg.PoolClient,
    network: string,
    tokenHash: string,
  ): Promise<NetworkRecord> {
    await db.query(
      `INSERT INTO relay_networks (network, token_hash, log_id) VALUES ($1, $2, $3)
       ON CONFLICT (network) DO NOTHING`,
      [network, tokenHash, randomUUID()],
    );
    const { rows } = await db.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM relay_networks WHERE network = $1`,
      [network],
    );
    return recordOf(rows[0]!);
  }

  registerNetwork(network: string, tokenHash: string): Promise<NetworkRecord> {
    return this.insertNetwork(this.pool, network, tokenHash);
  }

  registerWithInvite(
    network: string,
    tokenHash: string,
    inviteHash: string,
    nowMs: number,
  ): Promise<NetworkRecord | InviteRefusal> {
    return this.transaction(async (db): Promise<NetworkRecord | InviteRefusal> => {
      const existing = await db.query<RecordRow>(
        `SELECT ${RECORD_COLUMNS} FROM relay_networks WHERE network = $1`,
        [network],
      );
      if (existing.rows[0]) return recordOf(existing.rows[0]);
      const { rows } = await db.query<{ network: string; expires_at: Date; used_at: Date | null }>(
        'SELECT network, expires_at, used_at FROM relay_invites WHERE code_hash = $1 FOR UPDATE',
        [inviteHash],
      );
      const invite = rows[0];
      if (!invite || invite.network !== network) return 'invite_invalid';
      if (invite.used_at !== null) return 'invite_used';
      if (invite.expires_at.getTime() <= nowMs) return 'invite_expired';
      await db.query('UPDATE relay_invites SET used_at = $2 WHERE code_hash = $1', [
        inviteHash,
        new Date(nowMs),
      ]);
      return this.insertNetwork(db, network, tokenHash);
    });
  }

  async createInvite(network: string, inviteHash: string, expiresAtMs: number): Promise<void> {
    await this.pool.query(
      'INSERT INTO relay_invites (code_hash, network, expires_at) VALUES ($1, $2, $3)',
      [inviteHash, network, new Date(expiresAtMs)],
    );
  }

  async networkCount(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM relay_networks',
    );
    return Number(rows[0]!.n);
  }

  async head(network: string): Promise<number> {
    const { rows } = await this.pool.query<{ head_seq: string }>(
      'SELECT head_seq FROM relay_networks WHERE network = $1',
      [network],
    );
    return Number(rows[0]?.head_seq ?? 0);
  }

  async usage(network: string): Promise<NetworkUsage> {
    const { rows } = await this.pool.query<{ bytes: string; blobs: string }>(
      'SELECT bytes, blobs FROM relay_networks WHERE network = $1',
      [network],
    );
    return { bytes: Number(rows[0]?.bytes ?? 0), blobs: Number(rows[0]?.blobs ?? 0) };
  }

  /**
   * One statement, so one round trip: the UPDATE takes the network's row lock (appends from all
   * nodes queue there), moves the counter and the usage only if the batch fits the quota, and
   * the INSERT numbers the blobs from the old head. Atomic as a whole: a failure leaves neither.
   */
  async append(
    network: string,
    device: string,
    blobs: readonly string[],
    quota?: Quota,
    epoch?: number,
  ): Promise<number[]> {
    const bytes = blobs.reduce((sum, b) => sum + b.length, 0);
    const { rows } = await this.pool.query<{ seq: string }>(
      `WITH head AS (
         UPDATE relay_networks
         SET head_seq = head_seq + $4, bytes = bytes + $5, blobs = blobs + $4
         WHERE network = $1 AND bytes + $5 <= $6 AND blobs + $4 <= $7
           AND ($8::integer IS NULL OR epoch = $8)
         RETURNING head_seq - $4 AS start
       )
       INSERT INTO relay_log (network, seq, blob, size, device)
       SELECT $1, head.start + t.ord, t.blob, length(t.blob), $3
       FROM head, unnest($2::text[]) WITH ORDINALITY AS t(blob, ord)
       RETURNING seq`,
      [
        network,
        blobs,
        device,
        blobs.length,
        bytes,
        quota?.maxBytes ?? Number.MAX_SAFE_INTEGER,
        quota?.maxBlobs ?? Number.MAX_SAFE_INTEGER,
        epoch ?? null,
      ],
    );
    if (rows.length === blobs.length) return rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
    const record = epoch === undefined ? null : await this.network(network);
    if (record && record.epoch !== epoch) throw new EpochChangedError(record.epoch);
    const usage = await this.usage(network);
    if (quota && !fitsQuota(usage, blobs, quota)) throw new QuotaExceededError(usage, quota);
    throw new Error('append to a network that is not registered');
  }

  async read(
    network: string,
    fromSeq: number,
    limit: number,
    maxChars: number,
  ): Promise<StoredItem[]> {
    // The running total is computed over sizes only; blobs past `maxChars` are never fetched
    // (TOASTed text is read only for the rows returned). The first row always comes, however big.
    const { rows } = await this.pool.query<{ seq: string; blob: string }>(
      `SELECT l.seq, l.blob FROM relay_log l JOIN (
         SELECT seq, sum(size) OVER (ORDER BY seq) AS running, row_number() OVER (ORDER BY seq) AS rn
         FROM (SELECT seq, size FROM relay_log WHERE network = $1 AND seq > $2 ORDER BY seq LIMIT $3) s
       ) w ON l.network = $1 AND l.seq = w.seq
       WHERE w.running <= $4 OR w.rn = 1
       ORDER BY l.seq`,
      [network, fromSeq, limit, maxChars],
    );
    return rows.map((r) => ({ seq: Number(r.seq), blob: r.blob }));
  }

  /** See RelayStore.rotate; the network's counter row lock orders it with appends. */
  rotate(
    network: string,
    request: RotationRequest & { tokenHash: string },
  ): Promise<{ outcome: RotationOutcome; removed: number }> {
    return this.transaction(async (db) => {
      const { rows } = await db.query<RecordRow & { head_seq: string }>(
        `SELECT ${RECORD_COLUMNS}, head_seq FROM relay_networks WHERE network = $1 FOR UPDATE`,
        [network],
      );
      if (!rows[0]) return { outcome: 'epoch_moved' as const, removed: 0 };
      const record = recordOf(rows[0]);
      const head = Number(rows[0].head_seq);
      const staged = await db.query<{ held: string; needed: number | null }>(
        `SELECT count(*) AS held, MAX(parts) AS needed FROM relay_snapshots
           WHERE network = $1 AND snapshot_id = $2 AND epoch = $3 AND covers_seq = $4`,
        [network, request.snapshotId, request.epoch, request.coversSeq],
      );
      const outcome = rotationVerdict({ epoch: record.epoch, head }, request, {
        held: Number(staged.rows[0]!.held),
        needed: staged.rows[0]!.needed,
      });
      if (outcome !== 'rotated') return { outcome, removed: 0 };
      const removed = (await db.query('DELETE FROM relay_log WHERE network = $1', [network]))
        .rowCount;
      await db.query('DELETE FROM relay_snapshots WHERE network = $1 AND snapshot_id <> $2', [
        network,
        request.snapshotId,
      ]);
      await db.query(
        'UPDATE relay_snapshots SET complete = true WHERE network = $1 AND snapshot_id = $2',
        [network, request.snapshotId],
      );
      await db.query(
        `UPDATE relay_networks SET token_hash = $2, epoch = $3, retired_tokens = $4, bytes = 0,
           blobs = 0 WHERE network = $1`,
        [
          network,
          request.tokenHash,
          request.epoch,
          JSON.stringify(retireToken(record.retiredTokenHashes, record.tokenHash)),
        ],
      );
      return { outcome, removed: removed ?? 0 };
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
