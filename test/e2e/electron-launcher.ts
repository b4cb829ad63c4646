import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';

const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * Locates the downloaded Electron binary without going through node_modules/electron/index.js,
 * which would try to download it (hanging or failing offline). Throws `ELECTRON UNAVAILABLE:` so
 * an Electron e2e run on a machine without the binary fails loudly instead of skipping or passing.
 */
function electronExecutable(): string {
  const pkgDir = join(projectRoot, 'node_modules', 'electron');
  const unavailable = (why: string) =>
    new Error(
      `ELECTRON UNAVAILABLE: ${why}. The Electron e2e tests need the Electron binary, which electron ` +
        'downloads on first launch; run `npx install-electron` with network access (or set ' +
        'ELECTRON_OVERRIDE_DIST_PATH), or run the browser-mode e2e tests instead.',
    );
  if (!existsSync(join(pkgDir, 'package.json')))
    throw unavailable('the electron package is not installed');
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, relative || (process.platform === 'win32' ? 'electron.exe' : 'electron'))
    : relative
      ? join(pkgDir, 'dist', relative)
      : null;
  if (!candidate)
    throw unavailable(
      'node_modules/electron/path.txt is missing, so its binary was never downloaded',
    );
  if (!existsSync(candidate)) throw unavailable(`${candidate} does not exist`);
  return candidate;
}

export interface LaunchedConsole {
  page: Page;
  app: ElectronApplication;
  close(): Promise<void>;
}

/** Starts the built console (out/) in Electron on a fresh, empty data directory. */
export async function launchElectronConsole(): Promise<LaunchedConsole> {
  const executablePath = electronExecutable();
  if (!existsSync(join(projectRoot, 'out', 'main', 'index.js'))) {
    throw new Error(
      'out/main/index.js is missing: run `electron-vite build` before the Electron e2e tests.',
    );
  }

  const dataDir = await mkdtemp(join(tmpdir(), 'rr-console-e2e-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  delete env.ELECTRON_RUN_AS_NODE;
  env.CONSOLE_DATA_DIR = dataDir;

  let app: ElectronApplication;
  try {
    app = await electron.launch({
      executablePath,
      args: ['.'],
      cwd: projectRoot,
      env,
      timeout: 60_000,
    });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(
      `Electron was found at ${executablePath} but failed to launch: ${String(error)}`,
      { cause: error },
    );
  }

  try {
    const page = await app.firstWindow({ timeout: 60_000 });
    await page.waitForLoadState('domcontentloaded');
    return {
      page,
      app,
      async close() {
        try {
          await app.close();
        } finally {
          await rm(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await app.close().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
