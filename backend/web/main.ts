import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DB_FILE_NAME, defaultDataDir } from '../data-dir';
import { DEMO_PASSPHRASE, DEMO_PIN } from '../demo/seed-demo';
import { readPassphraseFile } from '../passphrase-file';
import { createStartupGate } from '../startup-gate';
import { describeStorageFault } from '../storage-fault-text';
import { startWebHost } from './host';

/** `npm run start:web`: the console in a browser, served from 127.0.0.1 only. */
async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.CONSOLE_PORT ?? '5170' },
      'data-dir': { type: 'string', default: defaultDataDir() },
      'no-demo': { type: 'boolean', default: false },
      'passphrase-file': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, got "${values.port}"`);
    process.exit(2);
  }
  const root = process.cwd();
  const staticDir = resolve(root, 'out', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error(
      'The renderer is not built yet: run `npm run build` (npm start does it for you).',
    );
    process.exit(1);
  }
  const dataDir = resolve(values['data-dir']!);
  // The host starts before the database is open: the page shows the unlock screen until then.
  const backend = createStartupGate({
    dataDir,
    migrationsFolder: resolve(root, 'db', 'migrations'),
    mode: 'browser',
  });
  if (!values['no-demo'] && (await backend.seedDemoIfFirstRun())) {
    console.log(
      `First run: loaded the fictional demo network, encrypted with the demo passphrase "${DEMO_PASSPHRASE}" (demo PIN ${DEMO_PIN}; npm run demo:reset to start over).`,
    );
  }
  const passphrase = readPassphraseFile(values['passphrase-file']);
  // The key is derived off the event loop while the host starts and the page loads; the page's
  // first question (getStartupState) waits for the unlock to finish.
  const unlocking =
    passphrase !== null && !backend.backend
      ? backend.unlock(passphrase).then((opened) => {
          if (!opened.ok) console.error(opened.error.message);
          else if (opened.value.state === 'storage_fault')
            console.error(describeStorageFault(opened.value.fault));
        })
      : Promise.resolve();
  let host;
  try {
    host = await startWebHost({ backend, staticDir, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${port} is in use: pass --port <other> or CONSOLE_PORT.`
        : String(error),
    );
    await unlocking;
    backend.close();
    process.exit(1);
  }
  console.log(`Data: ${join(dataDir, DB_FILE_NAME)}`);
  console.log(`Console (browser mode) is running at ${host.url}`);
  console.log('Open that address in a browser on this machine. Press Ctrl+C to stop.');
  const stop = async () => {
    await host.close();
    backend.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  keepRunningOnUnexpectedErrors();
  await unlocking;
}

/**
 * Once the host is up, a stray error in one request or call is logged and the console keeps
 * serving the dispatcher (a crash would drop them mid-call). Before that, failures are fatal.
 */
function keepRunningOnUnexpectedErrors() {
  process.on('uncaughtException', (error) =>
    console.error('Unexpected error (the console keeps running):', error),
  );
  process.on('unhandledRejection', (reason) =>
    console.error('Unexpected error (the console keeps running):', reason),
  );
}

main().catch((error: unknown) => {
  console.error('The console could not start:', error);
  process.exit(1);
});
