import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  createConsoleBackend,
  type ConsoleBackend,
  type ConsoleBackendOptions,
} from '../../backend/console-backend';
import { seedDemoNetworkIfEmpty } from '../../backend/demo/seed-demo';
import { createStartupGate } from '../../backend/startup-gate';
import { testEncryption } from '../test-passphrase';
import { startWebHost, type WebHost } from '../../backend/web/host';
import { launchElectronConsole } from './electron-launcher';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ConsoleUnderTest {
  page: Page;
  /** The backend behind the page (browser mode only): lets a spec set up or inspect state. */
  backend: ConsoleBackend | null;
  url: string | null;
  close(): Promise<void>;
}

export interface LaunchOptions {
  demo?: boolean;
  now?: () => number;
  /** More backend options (browser mode), e.g. `sync` with a cheap KDF for relay tests. */
  backend?: Omit<ConsoleBackendOptions, 'dbFile' | 'migrationsFolder' | 'mode' | 'now'>;
  /** Runs against the backend after seeding and before the page opens (browser mode). */
  beforeOpen?: (backend: ConsoleBackend) => Promise<void>;
  /**
   * Browser mode: close the database again before the page opens, so the page starts on the
   * unlock screen (the passphrase is TEST_PASSPHRASE).
   */
  locked?: boolean;
}

/**
 * Starts a console with a fresh database and returns a page showing it. E2E_TARGET=electron runs
 * the real Electron app (and fails loudly where its binary cannot be had); otherwise browser mode
 * in Debian's Chromium, the same renderer and the same backend.
 */
export async function launchConsole(options: LaunchOptions = {}): Promise<ConsoleUnderTest> {
  if (process.env.E2E_TARGET === 'electron') {
    const electron = await launchElectronConsole();
    return { page: electron.page, backend: null, url: null, close: electron.close };
  }
  const staticDir = resolve('out', 'renderer');
  if (!existsSync(join(staticDir, 'index.html')))
    throw new Error('Build the renderer first: npm run build');
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'console-e2e-'));
  const opened = createConsoleBackend({
    ...testEncryption,
    dbFile: join(dataDir, 'console.sqlite'),
    migrationsFolder: resolve('db', 'migrations'),
    mode: 'browser',
    ...options.backend,
    ...(options.now ? { now: options.now } : {}),
  });
  if (options.demo !== false) await seedDemoNetworkIfEmpty(opened);
  if (options.beforeOpen) await options.beforeOpen(opened);
  let backend: ConsoleBackend = opened;
  if (options.locked) {
    opened.close();
    backend = createStartupGate({
      dataDir,
      migrationsFolder: resolve('db', 'migrations'),
      mode: 'browser',
      ...(options.now ? { now: options.now } : {}),
    });
  }
  const host: WebHost = await startWebHost({ backend, staticDir });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // Tiles cannot load here; answer tile requests at once so the offline-map banner shows promptly.
  await page.route(/^https:\/\//, (route) => route.abort('internetdisconnected'));
  await page.goto(host.url);
  return {
    page,
    backend,
    url: host.url,
    close: async () => {
      await browser.close();
      await host.close();
      backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
