import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createConsoleBackend } from '../backend/console-backend';
import { DB_FILE_NAME, defaultDataDir } from '../backend/data-dir';
import { readPassphraseFile } from '../backend/passphrase-file';
import { DEMO_PASSPHRASE, seedDemoNetwork } from '../backend/demo/seed-demo';
import { databaseFiles } from '../db/encryption';
import { overwriteAndRemove } from '../db/secure-files';

/**
 * `npm run demo:reset`: throws away this console's database and loads the fictional demo network
 * again, encrypted with the demo passphrase (or the one in --passphrase-file /
 * CONSOLE_PASSPHRASE_FILE). Backups in the folder are left alone.
 */
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: defaultDataDir() },
    'passphrase-file': { type: 'string' },
  },
});
const file = join(resolve(values['data-dir']!), DB_FILE_NAME);
for (const path of databaseFiles(file)) if (existsSync(path)) overwriteAndRemove(path);
rmSync(`${file}.encrypting`, { force: true });
const passphrase = readPassphraseFile(values['passphrase-file']) ?? DEMO_PASSPHRASE;
const backend = createConsoleBackend({
  dbFile: file,
  passphrase,
  migrationsFolder: resolve('db', 'migrations'),
});
await seedDemoNetwork(backend);
backend.close();
console.log(
  `Demo network loaded into ${file}` +
    (passphrase === DEMO_PASSPHRASE ? ` (demo passphrase "${DEMO_PASSPHRASE}")` : ''),
);
