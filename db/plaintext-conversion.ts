import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { applyDatabaseKey, makePrivateFile } from './encryption';
import { overwriteAndRemove } from './secure-files';
import { StorageFaultError, storageFault } from './storage-faults';

/**
 * Encrypts an unencrypted console database in place, without loss: the whole database (WAL
 * included) is copied to a new file, the copy is encrypted and then checked (the same row count in
 * every table, and a full integrity check), and only then swapped in. The old plaintext file and
 * its -wal/-shm are overwritten with zeros and removed. Until the swap the original is untouched;
 * a crash leaves either the original or the verified encrypted copy in place.
 */
export function encryptPlaintextDatabase(file: string, key: Buffer): { tables: number } {
  const copy = `${file}.encrypting`;
  const aside = `${file}.plaintext-old`;
  for (const leftover of [copy, `${copy}-journal`]) overwriteAndRemove(leftover);

  const source = new Database(file, { fileMustExist: true });
  let before: Map<string, number>;
  try {
    before = rowCounts(source);
    if (!before.has('local_meta')) throw new StorageFaultError(storageFault('foreign_file', file));
    source.prepare('VACUUM INTO ?').run(copy);
  } finally {
    source.close();
  }
  makePrivateFile(copy);

  const encrypting = new Database(copy, { fileMustExist: true });
  try {
    encrypting.pragma(`cipher = 'sqlcipher'`);
    encrypting.pragma('legacy = 4');
    encrypting.pragma(`rekey = "x'${key.toString('hex')}'"`);
  } finally {
    encrypting.close();
  }

  const check = new Database(copy, { fileMustExist: true });
  try {
    applyDatabaseKey(check, key);
    const after = rowCounts(check);
    const integrity = String(check.pragma('integrity_check', { simple: true }));
    const same =
      after.size === before.size && [...before].every(([table, n]) => after.get(table) === n);
    if (!same || integrity !== 'ok')
      throw new Error(`The encrypted copy does not match the original (${integrity})`);
  } catch (error) {
    check.close();
    overwriteAndRemove(copy);
    throw error;
  }
  check.close();

  renameSync(file, aside);
  renameSync(copy, file);
  makePrivateFile(file);
  overwriteAndRemove(aside);
  for (const sidecar of ['-wal', '-shm']) overwriteAndRemove(`${file}${sidecar}`);
  rmSync(`${copy}-journal`, { force: true });
  return { tables: before.size };
}

/** Puts back a plaintext original that a crash left aside mid-swap (no database in place). */
export function recoverInterruptedConversion(file: string): void {
  const aside = `${file}.plaintext-old`;
  if (existsSync(aside) && !existsSync(file)) renameSync(aside, file);
  else if (existsSync(aside)) overwriteAndRemove(aside);
}

function rowCounts(db: Database.Database): Map<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  return new Map(
    tables.map(({ name }) => [
      name,
      (
        db.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as {
          n: number;
        }
      ).n,
    ]),
  );
}
