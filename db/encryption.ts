import {
  chmodSync,
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { randomBytes, scrypt, scryptSync } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';

/**
 * The console database is encrypted with SQLCipher (through better-sqlite3-multiple-ciphers) under
 * a raw 32-byte key. The key is derived from the console passphrase with scrypt (memory-hard, so a
 * seized laptop's file cannot be guessed at GPU speed); the salt and the cost live beside the
 * database in `<name>.keyinfo.json`, which holds nothing secret. The key itself is never written.
 */
export interface KdfParams {
  N: number;
  r: number;
  p: number;
}

/** ~0.35 s and 128 MiB per derivation on a laptop core (measured: 360-390 ms on the build box). */
export const DEFAULT_KDF: KdfParams = { N: 2 ** 17, r: 8, p: 1 };

export interface KeyInfo {
  version: 1;
  kdf: 'scrypt';
  params: KdfParams;
  /** Hex, 16 random bytes. */
  salt: string;
  cipher: 'sqlcipher';
}

export const MIN_PASSPHRASE_LENGTH = 10;
const KEY_BYTES = 32;
const SQLITE_HEADER = 'SQLite format 3\0';

export function keyInfoPath(dbFile: string): string {
  return dbFile.replace(/\.sqlite$/, '') + '.keyinfo.json';
}

export function newKeyInfo(params: KdfParams = DEFAULT_KDF): KeyInfo {
  return {
    version: 1,
    kdf: 'scrypt',
    params,
    salt: randomBytes(16).toString('hex'),
    cipher: 'sqlcipher',
  };
}

/** The key info beside `dbFile`, or null when there is none; throws on a malformed file. */
export function readKeyInfo(dbFile: string): KeyInfo | null {
  const path = keyInfoPath(dbFile);
  if (!existsSync(path)) return null;
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<KeyInfo>;
  const params = raw.params;
  if (
    raw.version !== 1 ||
    raw.kdf !== 'scrypt' ||
    raw.cipher !== 'sqlcipher' ||
    typeof raw.salt !== 'string' ||
    !/^[0-9a-f]{32}$/.test(raw.salt) ||
    !params ||
    ![params.N, params.r, params.p].every((n) => Number.isInteger(n) && n > 0)
  ) {
    throw new Error(`${path} is not a console key info file`);
  }
  return raw as KeyInfo;
}

/** Written to a temp name and renamed, so a crash never leaves half a key info file. */
export function writeKeyInfo(dbFile: string, info: KeyInfo): void {
  const path = keyInfoPath(dbFile);
  const temp = `${path}.tmp`;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  makePrivateDir(dirname(path));
  writeFileSync(temp, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
  renameSync(temp, path);
  makePrivateFile(path);
}

function scryptOptions(params: KdfParams) {
  // scrypt needs 128·N·r bytes; leave headroom above Node's 32 MiB default.
  return { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
}

export function deriveDatabaseKeySync(passphrase: string, info: KeyInfo): Buffer {
  return scryptSync(
    passphrase.normalize('NFC'),
    Buffer.from(info.salt, 'hex'),
    KEY_BYTES,
    scryptOptions(info.params),
  );
}

/** Off the event loop (the browser host and Electron main stay responsive while it runs). */
export function deriveDatabaseKey(passphrase: string, info: KeyInfo): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(info.salt, 'hex'),
      KEY_BYTES,
      scryptOptions(info.params),
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

/** Must run first on a fresh connection, before anything reads the file. */
export function applyDatabaseKey(sqlite: Database.Database, key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error('The database key must be 32 bytes');
  sqlite.pragma(`cipher = 'sqlcipher'`);
  sqlite.pragma('legacy = 4');
  sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
}

export type DatabaseFileKind = 'missing' | 'empty' | 'plaintext' | 'other';

/** What is on disk, from the first bytes only (an encrypted file looks like random bytes). */
export function databaseFileKind(file: string): DatabaseFileKind {
  if (!existsSync(file)) return 'missing';
  if (statSync(file).size === 0) return 'empty';
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return header.toString('latin1') === SQLITE_HEADER ? 'plaintext' : 'other';
}

/**
 * Owner-only permissions. On Windows chmod only toggles the read-only bit; the files are private
 * through the per-user profile folder's ACL (AppData), which Node cannot tighten further.
 */
export function makePrivateFile(path: string): void {
  if (existsSync(path)) chmodSync(path, 0o600);
}

export function makePrivateDir(path: string): void {
  if (existsSync(path)) chmodSync(path, 0o700);
}

/** The database, its WAL and shared-memory index, and its key info: every file of one console. */
export function databaseFiles(dbFile: string): string[] {
  return [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, keyInfoPath(dbFile)];
}
