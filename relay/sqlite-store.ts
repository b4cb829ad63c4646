import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The relay's only state: per network, the hash of its auth token and an append-only log of
 * sealed blobs numbered 1, 2, 3 ... (the relay's sequence numbers). WAL, and every accepted batch
 * is one transaction committed before it is acknowledged, so a restart (or a crash) never loses
 * an acknowledged op. Nothing here can be decrypted by the relay.
 */
export interface StoredItem {
  seq: number;
  blob: string;
}

export class RelayStore {
  readonly db: Database.Database;
  private readonly headOf: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly page: Database.Statement;

  constructor(dataDir: string, options: { synchronous?: 'NORMAL' | 'FULL' } = {}) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'relay.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
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
    `);
    // The head is read from the file, never cached: relay nodes that share this file (see
    // docs/relay.md, multi-node) each append, and the primary key makes the seek one B-tree step.
    this.headOf = this.db.prepare('SELECT MAX(seq) AS head FROM log WHERE network = ?').pluck();
    this.insert = this.db.prepare(
      'INSERT INTO log (network, seq, blob, size, received_at, device) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.page = this.db.prepare(
      'SELECT seq, blob FROM log WHERE network = ? AND seq > ? ORDER BY seq LIMIT ?',
    );
  }

  tokenHash(network: string): string | null {
    const row = this.db
      .prepare('SELECT token_hash FROM networks WHERE network = ?')
      .get(network) as { token_hash: string } | undefined;
    return row?.token_hash ?? null;
  }

  /** Registers the network unless it exists; returns the token hash that is now stored. */
  registerNetwork(network: string, tokenHash: string): string {
    this.db
      .prepare('INSERT OR IGNORE INTO networks (network, token_hash, created_at) VALUES (?, ?, ?)')
      .run(network, tokenHash, new Date().toISOString());
    return this.tokenHash(network)!;
  }

  networkCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM networks').get() as { n: number }).n;
  }

  head(network: string): number {
    return (this.headOf.get(network) as number | null) ?? 0;
  }

  /**
   * Appends blobs in one IMMEDIATE transaction (the write lock is taken before the head is read,
   * so two nodes appending to one file can never hand out the same seq); returns their seqs.
   */
  append(network: string, device: string, blobs: readonly string[]): number[] {
    const receivedAt = new Date().toISOString();
    return this.db
      .transaction(() => {
        const start = this.head(network);
        return blobs.map((blob, i) => {
          this.insert.run(network, start + 1 + i, blob, blob.length, receivedAt, device);
          return start + 1 + i;
        });
      })
      .immediate();
  }

  /** Up to `limit` items after `fromSeq`, but stops early past `maxChars` of blobs. */
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

  close(): void {
    this.db.close();
  }
}
