import Database from 'better-sqlite3-multiple-ciphers';
import type BetterSqlite3 from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';
import { applyDatabaseKey, databaseFiles, makePrivateDir, makePrivateFile } from './encryption';
import { StorageFaultError, storageFault } from './storage-faults';

export type ConsoleDb = BetterSQLite3Database<typeof schema> & { $client: BetterSqlite3.Database };

/** The passphrase did not open the file; nothing was written to it. */
export class WrongKeyError extends Error {
  constructor() {
    super('The passphrase does not open this console database');
  }
}

/** Where the connection's key lives, for the WAL checkpointer's second connection. */
const keys = new WeakMap<object, Buffer>();
export function databaseKeyOf(sqlite: object): Buffer | null {
  return keys.get(sqlite) ?? null;
}

/**
 * Where the SQL migrations live. Source runs (tsx, vitest) find them next to this file; the
 * bundled Electron main and the browser host pass the folder explicitly (they are run from the
 * project root, where db/migrations ships).
 */
export function defaultMigrationsFolder(): string {
  const candidates = [
    join(dirname(fileURLToPath(import.meta.url)), 'migrations'),
    resolve(process.cwd(), 'db', 'migrations'),
  ];
  const found = candidates.find((c) => existsSync(join(c, 'meta', '_journal.json')));
  if (!found) throw new Error(`Database migrations not found (looked in ${candidates.join(', ')})`);
  return found;
}

export interface OpenOptions {
  /** The raw SQLCipher key; without one the file is plain SQLite (':memory:' and tool tests). */
  key?: Buffer;
}

/**
 * Opens (creating if needed) the console database: encrypted when given a key, WAL so readers
 * never block the writer, foreign keys on, a busy timeout for the rare second process (the roster
 * CLI), and every pending migration applied before anything else touches it.
 *
 * Before anything is written, the key is proven (a wrong one throws WrongKeyError and leaves the
 * file byte for byte as it was), the file is checked to be a console database, and a quick
 * integrity check runs: a damaged or foreign file throws StorageFaultError and is never replaced.
 */
export function openConsoleDb(
  file: string,
  migrationsFolder = defaultMigrationsFolder(),
  options: OpenOptions = {},
): ConsoleDb {
  const onDisk = file !== ':memory:';
  if (onDisk) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    makePrivateDir(dirname(file));
    // Created owner-only from the first byte; SQLite gives -wal and -shm the same mode.
    if (!existsSync(file)) writeFileSync(file, '', { mode: 0o600 });
  }
  const sqlite = new Database(file);
  try {
    if (options.key) {
      applyDatabaseKey(sqlite, options.key);
      keys.set(sqlite, options.key);
    }
    checkReadable(sqlite, file, Boolean(options.key));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    // Deleted and overwritten values are zeroed in the pages, so a purge leaves no copy behind.
    sqlite.pragma('secure_delete = ON');
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder });
    if (onDisk) for (const path of databaseFiles(file)) makePrivateFile(path);
    return db as ConsoleDb;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function checkReadable(sqlite: BetterSqlite3.Database, file: string, encrypted: boolean): void {
  let tables: string[];
  try {
    tables = (
      sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
      if (encrypted) throw new WrongKeyError();
      throw new StorageFaultError(storageFault('foreign_file', file));
    }
    throw error;
  }
  if (
    tables.length > 0 &&
    !tables.includes('local_meta') &&
    !tables.includes('__drizzle_migrations')
  )
    throw new StorageFaultError(storageFault('foreign_file', file));
  let verdict: string;
  try {
    verdict = String(sqlite.pragma('quick_check', { simple: true }));
  } catch (error) {
    throw new StorageFaultError(
      storageFault('damaged', file, String((error as Error).message).slice(0, 200)),
    );
  }
  if (verdict !== 'ok')
    throw new StorageFaultError(storageFault('damaged', file, verdict.slice(0, 200)));
}
