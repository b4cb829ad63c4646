import type pg from 'pg';
import type { LinkStore, LiveLink, PutOutcome, StoredAnswer } from './link-store';

/** Tables of the link store in PostgreSQL, created with the relay's schema (same lock). */
export const LINK_SCHEMA = `
  CREATE TABLE IF NOT EXISTS relay_links (
    link_id TEXT PRIMARY KEY,
    network TEXT NOT NULL,
    envelope TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
  );
  CREATE TABLE IF NOT EXISTS relay_link_answers (
    link_id TEXT NOT NULL,
    answer_id TEXT NOT NULL,
    network TEXT NOT NULL,
    sealed TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    acked BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (link_id, answer_id)
  );
  CREATE INDEX IF NOT EXISTS relay_link_answers_pending ON relay_link_answers (network, acked);
`;

/** The link store for relay nodes on several hosts (see ./link-store for the invariants). */
export class PostgresLinkStore implements LinkStore {
  constructor(private readonly pool: pg.Pool) {}

  async put(
    network: string,
    linkId: string,
    envelope: string,
    expiresAtMs: number,
  ): Promise<PutOutcome> {
    // One statement: inserts, or refreshes a live row of the same network; otherwise says why.
    const { rows } = await this.pool.query<{ network: string; revoked_at: string | null }>(
      `INSERT INTO relay_links (link_id, network, envelope, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (link_id) DO UPDATE SET envelope = excluded.envelope, expires_at = excluded.expires_at
       WHERE relay_links.network = excluded.network AND relay_links.revoked_at IS NULL
       RETURNING network`,
      [linkId, network, envelope, expiresAtMs],
    );
    if (rows.length === 1) return 'stored';
    const existing = await this.pool.query<{ network: string }>(
      'SELECT network FROM relay_links WHERE link_id = $1',
      [linkId],
    );
    return existing.rows[0]?.network === network ? 'revoked' : 'other_network';
  }

  async revoke(network: string, linkId: string, nowMs: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO relay_links (link_id, network, envelope, expires_at, revoked_at) VALUES ($1, $2, '', $3, $4)
       ON CONFLICT (link_id) DO UPDATE SET envelope = '', revoked_at = excluded.revoked_at
       WHERE relay_links.network = excluded.network`,
      [linkId, network, nowMs + 7 * 86_400_000, nowMs],
    );
    await this.pool.query('DELETE FROM relay_link_answers WHERE link_id = $1 AND network = $2', [
      linkId,
      network,
    ]);
  }

  async live(linkId: string, nowMs: number): Promise<LiveLink | null> {
    const { rows } = await this.pool.query<{
      network: string;
      envelope: string;
      expires_at: string;
    }>(
      `SELECT network, envelope, expires_at FROM relay_links
       WHERE link_id = $1 AND revoked_at IS NULL AND expires_at > $2`,
      [linkId, nowMs],
    );
    const row = rows[0];
    return row
      ? { network: row.network, envelope: row.envelope, expiresAtMs: Number(row.expires_at) }
      : null;
  }

  async addAnswer(network: string, a: StoredAnswer): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO relay_link_answers (link_id, answer_id, network, sealed, received_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [a.linkId, a.answerId, network, a.sealed, a.receivedAtMs],
    );
    return result.rowCount === 1;
  }

  async answerCount(linkId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM relay_link_answers WHERE link_id = $1',
      [linkId],
    );
    return Number(rows[0]!.n);
  }

  async pending(network: string, limit: number): Promise<StoredAnswer[]> {
    const { rows } = await this.pool.query<{
      link_id: string;
      answer_id: string;
      sealed: string;
      received_at: string;
    }>(
      `SELECT link_id, answer_id, sealed, received_at FROM relay_link_answers
       WHERE network = $1 AND NOT acked ORDER BY received_at LIMIT $2`,
      [network, limit],
    );
    return rows.map((r) => ({
      linkId: r.link_id,
      answerId: r.answer_id,
      sealed: r.sealed,
      receivedAtMs: Number(r.received_at),
    }));
  }

  async ack(
    network: string,
    answers: readonly { linkId: string; answerId: string }[],
  ): Promise<void> {
    await this.pool.query(
      `UPDATE relay_link_answers SET acked = true, sealed = ''
       WHERE network = $1 AND (link_id, answer_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [network, answers.map((a) => a.linkId), answers.map((a) => a.answerId)],
    );
  }

  async purge(nowMs: number): Promise<void> {
    await this.pool.query(
      `DELETE FROM relay_link_answers WHERE link_id IN (SELECT link_id FROM relay_links WHERE expires_at <= $1)`,
      [nowMs],
    );
    await this.pool.query('DELETE FROM relay_links WHERE expires_at <= $1', [nowMs]);
  }
}
