/**
 * Encrypted backups of the console database from the command line.
 *
 *   npm run backup -- <out.sqlite>            write a snapshot (encrypted with the console's key)
 *   npm run backup -- --restore <file>        replace the database with a backup (the current
 *                                             file is kept aside as console.replaced-<time>.sqlite)
 *
 * Options: --data-dir <dir>, --passphrase-file <file> (or CONSOLE_PASSPHRASE_FILE).
 * Stop the console first when restoring. Exit codes: 0 done, 1 failed, 2 usage error.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DB_FILE_NAME, defaultDataDir } from '../backend/data-dir';
import { requirePassphraseFile } from '../backend/passphrase-file';
import { describeStorageFault } from '../backend/storage-fault-text';
import { exportBackup, restoreBackupFile } from '../db/backup';
import { deriveDatabaseKeySync, readKeyInfo } from '../db/encryption';
import { WrongKeyError } from '../db/open';
import { StorageFaultError } from '../db/storage-faults';
import { openScriptConsole } from './script-console';

const USAGE =
  'usage: npm run backup -- <out.sqlite> | --restore <backup.sqlite>  [--data-dir DIR] [--passphrase-file FILE]';

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      restore: { type: 'string' },
      'data-dir': { type: 'string', default: defaultDataDir() },
      'passphrase-file': { type: 'string' },
    },
  });
} catch (error) {
  fail(2, `${(error as Error).message}\n${USAGE}`);
}
const { values, positionals } = parsed;
const dataDir = resolve(values['data-dir']!);
const dbFile = join(dataDir, DB_FILE_NAME);

if (values.restore) {
  const backupFile = resolve(values.restore);
  if (!existsSync(backupFile)) fail(1, `No backup at ${backupFile}.`);
  const info = readKeyInfo(dbFile);
  if (!info) fail(1, `No console key file (console.keyinfo.json) in ${dataDir}.`);
  const key = deriveDatabaseKeySync(requirePassphraseFile(values['passphrase-file']), info);
  try {
    const { keptAside } = restoreBackupFile(dbFile, backupFile, key, Date.now());
    console.log(
      `Restored ${backupFile} into ${dbFile}.` +
        (keptAside ? ` The old file is ${keptAside}.` : ''),
    );
  } catch (error) {
    if (error instanceof WrongKeyError)
      fail(1, 'That passphrase does not open this backup. Nothing was changed.');
    if (error instanceof StorageFaultError) fail(1, describeStorageFault(error.fault));
    throw error;
  }
} else {
  const out = positionals[0];
  if (!out || positionals.length > 1) fail(2, USAGE);
  if (!existsSync(dbFile)) fail(1, `No console database at ${dbFile} (use --data-dir).`);
  const backend = openScriptConsole(dataDir, values['passphrase-file'], {
    sync: { autoStart: false },
    backups: false,
    migrationsFolder: resolve('db', 'migrations'),
  });
  try {
    exportBackup(backend.ctx.db.$client, resolve(out));
    console.log(
      `Encrypted backup written to ${resolve(out)} (it opens with the console passphrase).`,
    );
  } catch (error) {
    fail(1, String((error as Error).message));
  } finally {
    backend.close();
  }
}
