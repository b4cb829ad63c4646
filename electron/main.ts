import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, session, type IpcMainInvokeEvent } from 'electron';
import type { ConsoleBackend } from '../backend/console-backend';
import { DEMO_PASSPHRASE } from '../backend/demo/seed-demo';
import { readPassphraseFile } from '../backend/passphrase-file';
import { createStartupGate } from '../backend/startup-gate';
import { safeStorageMemory } from './passphrase-memory';
import { MAP_PACK_PREFIX, mapPackFetchResponse } from '../backend/map-pack/http';
import { API_NAMES, type Session } from '../shared/api/contract';
import { fail } from '../shared/api/result';
import { DEFAULT_SETTINGS } from '../shared/domain/settings';
import {
  APP_ORIGIN,
  APP_SCHEME,
  buildContentSecurityPolicy,
  consoleWebPreferences,
  contentTypeFor,
  isAllowedNavigation,
  isTrustedSender,
  resolveAppAsset,
  tileOriginsFromTemplate,
} from './policy';
import { registerPrintToPdf } from './print-to-pdf';

/**
 * The Electron shell, kept thin: all product logic lives in backend/ (shared with browser mode)
 * and every security decision is a tested pure function in ./policy. This file only wires them:
 * a privileged app:// scheme instead of file://, a sandboxed window, navigation/window/permission
 * lock-down, and one IPC channel per contract operation with a sender check.
 */

// Tests and `demo:reset` point the console at a throwaway data dir. Setting userData (not just the
// DB path) also isolates Chromium's storage and the single-instance lock, which is keyed on it.
const dataDirOverride = process.env.CONSOLE_DATA_DIR?.trim();
if (dataDirOverride) {
  const dir = resolve(dataDirOverride);
  mkdirSync(dir, { recursive: true });
  app.setPath('userData', dir);
}

// Every renderer is sandboxed, whatever a future BrowserWindow forgets to set.
app.enableSandbox();

// Must happen before `ready`. `standard` gives app://console a real origin (relative URLs, storage,
// 'self' in the CSP); `secure` makes it a secure context; supportFetchAPI lets the page fetch its
// own assets. Deliberately not `bypassCSP` and not `corsEnabled` (other origins cannot read it).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const rendererRoot = join(app.getAppPath(), 'out/renderer');
const preloadPath = join(app.getAppPath(), 'out/preload/index.cjs');

let backend: ConsoleBackend | null = null;
let mainWindow: BrowserWindow | null = null;
// Recomputed when the tile URL setting changes; a reload of the page picks the new one up.
let contentSecurityPolicy = buildContentSecurityPolicy({
  tileOrigins: tileOriginsFromTemplate(DEFAULT_SETTINGS.tileUrl),
});

async function refreshContentSecurityPolicy(current: ConsoleBackend): Promise<void> {
  const result = await current.call('getSession', {});
  if (!result.ok) return;
  const { settings } = result.value as Session;
  contentSecurityPolicy = buildContentSecurityPolicy({
    tileOrigins: tileOriginsFromTemplate(settings.tileUrl),
  });
}

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

/** Serves the built renderer, and nothing else, on app://console. */
async function serveAppAsset(request: Request): Promise<Response> {
  const headers = securityHeaders();
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', { status: 405, headers });
  }
  const file = resolveAppAsset(rendererRoot, request.url);
  if (!file) return new Response('Not found', { status: 404, headers });
  try {
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...headers, 'Content-Type': contentTypeFor(file) },
    });
  } catch {
    return new Response('Not found', { status: 404, headers });
  }
}

/** Applied to every webContents the app ever creates, including ones we did not expect. */
app.on('web-contents-created', (_event, contents) => {
  const refuseForeignNavigation = (event: { url: string; preventDefault(): void }) => {
    if (!isAllowedNavigation(event.url)) {
      event.preventDefault();
      console.warn('Blocked navigation away from the console');
    }
  };
  contents.on('will-navigate', refuseForeignNavigation);
  contents.on('will-frame-navigate', refuseForeignNavigation); // sub-frames too
  contents.on('will-redirect', refuseForeignNavigation);
  // No popups, no second windows opened by the page, no <webview>.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

/** Frame URL check on every call: only the console's own top-level page may use the API. */
function senderIsTrusted(event: IpcMainInvokeEvent): boolean {
  try {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isTrustedSender(frame.url);
  } catch {
    return false; // the frame was disposed mid-call
  }
}

function registerIpc(current: ConsoleBackend): void {
  for (const name of API_NAMES) {
    ipcMain.handle(`api:${name}`, (event, input: unknown) => {
      if (!senderIsTrusted(event)) {
        return fail(
          'unauthorized',
          'This request did not come from the console window and was refused.',
        );
      }
      // backend.call validates `input` against the contract's zod schema and never throws.
      return current.call(name, input);
    });
  }
}

function forwardEvents(current: ConsoleBackend): void {
  current.subscribe((event) => {
    if (event.type === 'changed' && event.entities.some((e) => e.entity === 'setting')) {
      void refreshContentSecurityPolicy(current);
    }
    for (const window of BrowserWindow.getAllWindows()) {
      const contents = window.webContents;
      if (!contents.isDestroyed() && isTrustedSender(contents.getURL()))
        contents.send('api:event', event);
    }
  });
}

function denyAllPermissions(): void {
  // Camera, microphone, geolocation, notifications, clipboard-read, USB...: the console needs none.
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Rapid Response Console',
    webPreferences: consoleWebPreferences({ preload: preloadPath, packaged: app.isPackaged }),
  });
  if (app.isPackaged)
    window.webContents.on('devtools-opened', () => window.webContents.closeDevTools());
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  denyAllPermissions();

  // The window opens on the unlock screen; the database opens when the passphrase is given.
  const memory = safeStorageMemory(app.getPath('userData'));
  const gate = createStartupGate({
    dataDir: app.getPath('userData'),
    migrationsFolder: join(app.getAppPath(), 'db/migrations'),
    mode: 'electron',
    memory,
    onOpen: (opened) => refreshContentSecurityPolicy(opened),
  });
  backend = gate;
  const current = gate;

  try {
    if (await gate.seedDemoIfFirstRun())
      console.log(`Seeded the demo network (first run); demo passphrase "${DEMO_PASSPHRASE}".`);
  } catch (error) {
    console.error('Seeding the demo network failed.', error);
  }
  const given = readPassphraseFile() ?? memory.load();
  if (given !== null && !gate.backend) {
    const opened = await gate.unlock(given);
    if (!opened.ok) console.error(opened.error.message);
  }
  await refreshContentSecurityPolicy(current);

  protocol.handle(APP_SCHEME, (request) =>
    new URL(request.url).pathname.startsWith(MAP_PACK_PREFIX)
      ? mapPackFetchResponse(current.ctx, request)
      : serveAppAsset(request),
  );
  registerIpc(current);
  registerPrintToPdf(senderIsTrusted);
  forwardEvents(current);
  mainWindow = createWindow();

  app.on('activate', () => {
    if (!mainWindow) mainWindow = createWindow();
  });
}

// One console per data directory: two processes writing one SQLite file would fight over it.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // The backend lives and dies with the window: closing it ends the session on every platform.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    backend?.close();
    backend = null;
  });
  start().catch((error: unknown) => {
    console.error('The console failed to start:', error);
    app.exit(1);
  });
}
