import { join } from 'node:path';
import {
  createConsoleBackend,
  type ConsoleBackend,
  type ConsoleBackendOptions,
} from '../backend/console-backend';
import { DB_FILE_NAME } from '../backend/data-dir';
import { requirePassphraseFile } from '../backend/passphrase-file';
import { describeStorageFault } from '../backend/storage-fault-text';
import { WrongKeyError } from '../db/open';
import { StorageFaultError } from '../db/storage-faults';

/**
 * The console database of `dataDir` for a command-line tool, opened with the passphrase from
 * `--passphrase-file` or CONSOLE_PASSPHRASE_FILE. A wrong passphrase or a storage fault ends the
 * process with a sentence (exit 1), never a stack trace.
 */
export function openScriptConsole(
  dataDir: string,
  passphraseFile: string | undefined,
  options: Omit<ConsoleBackendOptions, 'dbFile'> = {},
): ConsoleBackend {
  const passphrase = requirePassphraseFile(passphraseFile);
  try {
    return createConsoleBackend({ dbFile: join(dataDir, DB_FILE_NAME), passphrase, ...options });
  } catch (error) {
    if (error instanceof WrongKeyError)
      process.stderr.write('That passphrase does not open this console. Nothing was changed.\n');
    else if (error instanceof StorageFaultError)
      process.stderr.write(`${describeStorageFault(error.fault)}\n`);
    else throw error;
    process.exit(1);
  }
}
