import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createConsoleBackend } from '../backend/console-backend';
import { DB_FILE_NAME, defaultDataDir } from '../backend/data-dir';
import { seedDemoNetwork } from '../backend/demo/seed-demo';

/** `npm run demo:reset`: throws away this console's database and loads the demo network again. */
const { values } = parseArgs({
  options: { 'data-dir': { type: 'string', default: defaultDataDir() } },
});
const file = join(resolve(values['data-dir']!), DB_FILE_NAME);
for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) rmSync(file + suffix);
const backend = createConsoleBackend({
  dbFile: file,
  migrationsFolder: resolve('db', 'migrations'),
});
await seedDemoNetwork(backend);
backend.close();
console.log(`Demo network loaded into ${file}`);
