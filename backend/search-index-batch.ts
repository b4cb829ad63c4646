import type Database from 'better-sqlite3';
import { prepared } from './prepared';

/**
 * Bulk writes (a catch-up page, a snapshot load, a roster import) index new rows for search
 * once, at the end, instead of one FTS5 write per row: FTS5 writes a segment for every statement
 * that touches it, so row-by-row indexing costs more than the rows themselves. While a deferral
 * is open for a table, its triggers (migration 0008) leave rows above the mark alone; closing
 * it indexes them with one statement. Open and close inside the same transaction, so a reader
 * never sees rows that search cannot find, and a rollback takes the deferral with it.
 */
const SEARCH_INDEXES = {
  incidents: { fts: 'incidents_fts', columns: ['location_text', 'town', 'description', 'type'] },
  responders: { fts: 'responders_fts', columns: ['name', 'home_town'] },
} as const;

type IndexedTable = keyof typeof SEARCH_INDEXES;
const TABLES = Object.keys(SEARCH_INDEXES) as IndexedTable[];

/**
 * Opens a deferral inside the caller's transaction and returns what closes it (indexes the rows
 * written since). For a caller whose transaction aborts on any throw: the rollback removes the
 * deferral. Nested bulk writes: the outermost one owns the deferral, an inner close does nothing.
 */
export function deferSearchIndex(sqlite: Database.Database): () => void {
  if (!sqlite.inTransaction)
    throw new Error('Search indexing is deferred only inside a transaction');
  if (prepared(sqlite, 'SELECT 1 FROM fts_deferral LIMIT 1').get()) return () => {};
  for (const table of TABLES)
    prepared(
      sqlite,
      `INSERT INTO fts_deferral (table_name, from_rowid)
         SELECT '${table}', coalesce(max(rowid), 0) FROM "${table}"`,
    ).run();
  return () => indexDeferredRows(sqlite);
}

/** Runs `write` (inside the caller's transaction) with search indexing deferred to its end. */
export function withSearchIndexDeferred<T>(sqlite: Database.Database, write: () => T): T {
  const close = deferSearchIndex(sqlite);
  let result: T;
  try {
    result = write();
  } catch (error) {
    // The caller may catch this and go on in the same transaction: the deferral must not outlive
    // the write (if the transaction is gone already, there is nothing left to index).
    if (sqlite.inTransaction) close();
    throw error;
  }
  close();
  return result;
}

function indexDeferredRows(sqlite: Database.Database): void {
  for (const table of TABLES) {
    const { fts, columns } = SEARCH_INDEXES[table];
    const list = columns.map((c) => `"${c}"`).join(', ');
    prepared(
      sqlite,
      `INSERT INTO "${fts}" (rowid, ${list}) SELECT rowid, ${list} FROM "${table}"
         WHERE rowid > (SELECT from_rowid FROM fts_deferral WHERE table_name = '${table}')`,
    ).run();
  }
  prepared(sqlite, 'DELETE FROM fts_deferral').run();
}
