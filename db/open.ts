import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

export type ConsoleDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

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

/**
 * Opens (creating if needed) the console database: WAL so readers never block the writer,
 * foreign keys on, a busy timeout for the rare second process (the roster CLI), and every pending
 * migration applied before anything else touches it.
 */
export function openConsoleDb(
  file: string,
  migrationsFolder = defaultMigrationsFolder(),
): ConsoleDb {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return db as ConsoleDb;
}
