import {
  databaseFileKind,
  DEFAULT_KDF,
  deriveDatabaseKey,
  deriveDatabaseKeySync,
  newKeyInfo,
  readKeyInfo,
  writeKeyInfo,
  type KdfParams,
} from '../db/encryption';
import { encryptPlaintextDatabase } from '../db/plaintext-conversion';
import { StorageFaultError, storageFault } from '../db/storage-faults';

export interface KeyOptions {
  /** Set up a new passphrase when the folder holds no encrypted console yet. */
  create: boolean;
  /** KDF cost for a new key info file; tests lower it. */
  kdf?: KdfParams;
}

/**
 * The key info for `dbFile`. With `create`, a folder holding no console gets a new key info file
 * (an unencrypted console found there is encrypted once the key is derived). An empty or foreign
 * database file is a storage fault: it is never overwritten here.
 */
function keyInfoFor(dbFile: string, options: KeyOptions) {
  const kind = databaseFileKind(dbFile);
  if (kind === 'empty') throw new StorageFaultError(storageFault('empty_file', dbFile));
  let info = readKeyInfo(dbFile);
  if (!info) {
    if (kind === 'other') throw new StorageFaultError(storageFault('foreign_file', dbFile));
    if (!options.create) throw new Error('This console has no passphrase yet');
    info = newKeyInfo(options.kdf ?? DEFAULT_KDF);
    // Written first: if the conversion is interrupted, the next start finds the key info and the
    // plaintext file, and converts again with the same passphrase.
    writeKeyInfo(dbFile, info);
  }
  return { info, kind };
}

function withPlaintextEncrypted(dbFile: string, kind: string, key: Buffer): Buffer {
  if (kind === 'plaintext') encryptPlaintextDatabase(dbFile, key);
  return key;
}

/** The database key for `dbFile` from the console passphrase, derived off the event loop. */
export async function databaseKey(
  dbFile: string,
  passphrase: string,
  options: KeyOptions,
): Promise<Buffer> {
  const { info, kind } = keyInfoFor(dbFile, options);
  return withPlaintextEncrypted(dbFile, kind, await deriveDatabaseKey(passphrase, info));
}

/** The same, synchronously, for scripts and tests that open a console in one step. */
export function databaseKeySync(dbFile: string, passphrase: string, options: KeyOptions): Buffer {
  const { info, kind } = keyInfoFor(dbFile, options);
  return withPlaintextEncrypted(dbFile, kind, deriveDatabaseKeySync(passphrase, info));
}
