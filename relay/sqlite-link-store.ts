import type Database from 'better-sqlite3';
import type { LinkStore, LiveLink, PutOutcome, StoredAnswer } from './link-store';

/** The link store inside relay.sqlite (see ./link-store for the invariants). */
export class SqliteLinkStore implements LinkStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS links (
        link_id TEXT PRIMARY KEY,
        network TEXT NOT NULL,
        envelope TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE TABLE IF NOT EXISTS link_answers (
        link_id TEXT NOT NULL,
        answer_id TEXT NOT NULL,
        network TEXT NOT NULL,
        sealed TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        acked INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (link_id, answer_id)
      );
      CREATE INDEX IF NOT EXISTS link_answers_pending ON link_answers (network, acked);
    `);
  }

  put(network: string, linkId: string, envelope: string, expiresAtMs: number): PutOutcome {
    return this.db
      .transaction((): PutOutcome => {
        const row = this.db
          .prepare('SELECT network, revoked_at FROM links WHERE link_id = ?')
          .get(linkId) as { network: string; revoked_at: number | null } | undefined;
        if (row && row.network !== network) return 'other_network';
        if (row?.revoked_at != null) return 'revoked';
        this.db
          .prepare(
            `INSERT INTO links (link_id, network, envelope, expires_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (link_id) DO UPDATE SET envelope = excluded.envelope, expires_at = excluded.expires_at`,
          )
          .run(linkId, network, envelope, expiresAtMs);
        return 'stored';
      })
      .immediate();
  }

  revoke(network: string, linkId: string, nowMs: number): void {
    this.db
      .transaction(() => {
        const row = this.db.prepare('SELECT network FROM links WHERE link_id = ?').get(linkId) as
          { network: string } | undefined;
        if (row && row.network !== network) return;
        // The envelope goes at once; the row stays (until it expires) so the revoke sticks.
        this.db
          .prepare(
            `INSERT INTO links (link_id, network, envelope, expires_at, revoked_at) VALUES (?, ?, '', ?, ?)
             ON CONFLICT (link_id) DO UPDATE SET envelope = '', revoked_at = excluded.revoked_at`,
          )
          .run(linkId, network, nowMs + 7 * 86_400_000, nowMs);
        this.db.prepare('DELETE FROM link_answers WHERE link_id = ?').run(linkId);
      })
      .immediate();
  }

  live(linkId: string, nowMs: number): LiveLink | null {
    const row = this.db
      .prepare(
        'SELECT network, envelope, expires_at FROM links WHERE link_id = ? AND revoked_at IS NULL AND expires_at > ?',
      )
      .get(linkId, nowMs) as { network: string; envelope: string; expires_at: number } | undefined;
    return row
      ? { network: row.network, envelope: row.envelope, expiresAtMs: row.expires_at }
      : null;
  }

  addAnswer(network: string, a: StoredAnswer): boolean {
    const result = this.db
      .prepare(
        `INSERT OR IGNORE INTO link_answers (link_id, answer_id, network, sealed, received_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(a.linkId, a.answerId, network, a.sealed, a.receivedAtMs);
    return result.changes === 1;
  }

  answerCount(linkId: string): number {
    return this.db
      .prepare('SELECT count(*) FROM link_answers WHERE link_id = ?')
      .pluck()
      .get(linkId) as number;
  }

  pending(network: string, limit: number): StoredAnswer[] {
    return this.db
      .prepare(
        `SELECT link_id AS linkId, answer_id AS answerId, sealed, received_at AS receivedAtMs
         FROM link_answers WHERE network = ? AND acked = 0 ORDER BY received_at LIMIT ?`,
      )
      .all(network, limit) as StoredAnswer[];
  }

  ack(network: string, answers: readonly { linkId: string; answerId: string }[]): void {
    // The row stays, emptied, so the same answer id posted again is still known (applied once).
    const stmt = this.db.prepare(
      `UPDATE link_answers SET acked = 1, sealed = '' WHERE network = ? AND link_id = ? AND answer_id = ?`,
    );
    this.db.transaction(() => {
      for (const a of answers) stmt.run(network, a.linkId, a.answerId);
    })();
  }

  purge(nowMs: number): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          'DELETE FROM link_answers WHERE link_id IN (SELECT link_id FROM links WHERE expires_at <= ?)',
        )
        .run(nowMs);
      this.db.prepare('DELETE FROM links WHERE expires_at <= ?').run(nowMs);
    })();
  }
}
