import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type BetterSqlite3 from 'better-sqlite3';
import type { BackupInfo } from '../shared/api/startup';
import { applyDatabaseKey, makePrivateDir, makePrivateFile } from './encryption';
import { StorageFaultError, storageFault } from './storage-faults';
import { WrongKeyError } from './open';

/**
 * Encrypted snapshots of the console database. `VACUUM INTO` on the encrypted connection writes
 * a consistent copy encrypted with the same cipher and key (checked by the at-rest test), so a
 * backup is exactly as private as the database and opens with the same passphrase.
 */
export const BACKUP_FOLDER = 'backups';
export const BACKUPS_KEPT = 24;
const BACKUP_NAME = /^console-[0-9TZ-]+\.sqlite$/;

export function backupDir(dbFile: string): string {
  return join(dirname(dbFile), BACKUP_FOLDER);
}

function stamp(at: number): string {
  return new Date(at).toISOString().replace(/[:.]/g, '-');
}

/** Writes one snapshot into backups/ and drops the oldest beyond `keep`. Returns its path. */
export function takeBackup(
  sqlite: BetterSqlite3.Database,
  dbFile: string,
  now: number,
  keep = BACKUPS_KEPT,
): string {
  const dir = backupDir(dbFile);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  makePrivateDir(dir);
  let target = join(dir, `console-${stamp(now)}.sqlite`);
  for (let n = now + 1; existsSync(target); n++) target = join(dir, `console-${stamp(n)}.sqlite`);
  exportBackup(sqlite, target);
  for (const old of listBackups(dbFile).slice(keep)) rmSync(join(dir, old.name), { force: true });
  return target;
}

/** A snapshot to a path of the caller's choosing (`npm run backup -- out.sqlite`). */
export function exportBackup(sqlite: BetterSqlite3.Database, target: string): void {
  if (existsSync(target)) throw new Error(`${target} already exists; choose a new file name`);
  sqlite.prepare('VACUUM INTO ?').run(target);
  makePrivateFile(target);
}

/** Newest first. */
export function listBackups(dbFile: string): BackupInfo[] {
  const dir = backupDir(dbFile);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .map((name) => {
      const stats = statSync(join(dir, name));
      return { name, takenAt: stats.mtime.toISOString(), bytes: stats.size };
    })
    .sort((a, b) => (a.name < b.name ? 1 : -1));
}

/**
 * Puts a backup in place of the database, after proving that the key opens it and that it passes
 * the integrity check. The file it replaces is kept beside it as `console.replaced-<time>.sqlite`
 * (never silently discarded: it may be the only copy of the newest changes).
 */
export function restoreBackupFile(
  dbFile: string,
  backupFile: string,
  key: Buffer,
  now: number,
): { keptAside: string | null } {
  verifyBackup(backupFile, key);
  let keptAside: string | null = null;
  if (existsSync(dbFile)) {
    keptAside = join(dirname(dbFile), `console.replaced-${stamp(now)}.sqlite`);
    renameSync(dbFile, keptAside);
    for (const sidecar of ['-wal', '-shm'])
      if (existsSync(dbFile + sidecar)) renameSync(dbFile + sidecar, keptAside + sidecar);
  }
  copyFileSync(backupFile, dbFile);
  makePrivateFile(dbFile);
  return { keptAside };
}

/** Whether `key` opens this backup and it passes the quick check. */
export function backupOpensWith(backupFile: string, key: Buffer): boolean {
  try {
    verifyBackup(backupFile, key);
    return true;
  } catch {
    return false;
  }
}

function verifyBackup(backupFile: string, key: Buffer): void {
  const db = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    applyDatabaseKey(db, key);
    const verdict = String(db.pragma('quick_check', { simple: true }));
    if (verdict !== 'ok') throw new StorageFaultError(storageFault('damaged', backupFile, verdict));
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw new WrongKeyError();
    throw error;
  } finally {
    db.close();
  }
}
