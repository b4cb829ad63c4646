// `npm start`: build (when a source is newer than out/), then run the console in Electron when it can run here, else in browser mode.
//
// Electron's own `require('electron')` (node_modules/electron/index.js) tries to DOWNLOAD the binary
// when it is missing, which hangs or fails offline, so the binary is located here the same way
// without ever triggering that download.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const isWindows = process.platform === 'win32';
const args = process.argv.slice(2);
/** Electron exiting with a failure this soon after launch means it never really started. */
const STARTUP_WINDOW_MS = 20_000;

let child = null;
let forwardedSignal = null;

function bin(name) {
  return join(root, 'node_modules', '.bin', isWindows ? `${name}.cmd` : name);
}

function run(command, commandArgs, options = {}) {
  // .cmd shims need a shell on Windows (Node refuses to spawn them directly since the CVE fix).
  const proc = spawn(command, commandArgs, {
    cwd: root,
    stdio: 'inherit',
    shell: isWindows && command.endsWith('.cmd'),
    ...options,
  });
  child = proc;
  return proc;
}

function exitLike(code, signal) {
  if (signal) process.exit(128 + (constants.signals[signal] ?? 1));
  process.exit(code ?? 1);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    forwardedSignal = signal;
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    else process.exit(128 + constants.signals[signal]);
  });
}

/** The Electron executable if it has been downloaded, else null (with the reason). */
function findElectron() {
  const pkgDir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkgDir, 'package.json')))
    return { path: null, reason: 'the electron package is not installed' };
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(
      process.env.ELECTRON_OVERRIDE_DIST_PATH,
      relative || (isWindows ? 'electron.exe' : 'electron'),
    );
    return existsSync(candidate)
      ? { path: candidate }
      : { path: null, reason: `${candidate} does not exist` };
  }
  if (!relative) return { path: null, reason: 'its binary was never downloaded' };
  const candidate = join(pkgDir, 'dist', relative);
  return existsSync(candidate)
    ? { path: candidate }
    : { path: null, reason: `${candidate} is missing` };
}

function startBrowserMode() {
  const entry = join(root, WEB_HOST_BUNDLE);
  if (!existsSync(entry)) {
    console.error(`Browser mode is not available either: ${entry} does not exist.`);
    process.exit(1);
  }
  // Everything but --web goes to the browser host (--port, --data-dir, as the README says).
  // The host (built into one file with the rest) runs on this same Node (24, from the
  // devDependency), never on whichever `node` is first on PATH: better-sqlite3 13 crashes on
  // Node 20.
  const proc = run(process.execPath, [entry, ...args.filter((a) => a !== '--web')]);
  proc.on('error', (error) => {
    console.error(`Could not start browser mode: ${error.message}`);
    process.exit(1);
  });
  proc.on('exit', exitLike);
}

function startElectron(electronPath) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would make the binary behave as plain Node
  const startedAt = Date.now();
  let fellBack = false;
  const fallBack = (why) => {
    if (fellBack) return;
    fellBack = true;
    console.log(`Electron could not start (${why}); starting the console in browser mode instead.`);
    startBrowserMode();
  };
  const proc = run(electronPath, [root], { env });
  proc.on('error', (error) => fallBack(error.message));
  proc.on('exit', (code, signal) => {
    if (fellBack) return;
    const failed = (code !== null && code !== 0) || (signal !== null && signal !== forwardedSignal);
    if (failed && !forwardedSignal && Date.now() - startedAt < STARTUP_WINDOW_MS) {
      fallBack(signal ? `it was killed by ${signal}` : `exit code ${code}`);
      return;
    }
    exitLike(code, signal);
  });
}

/** Everything electron-vite builds from (sources, config, the lockfile for dependencies). */
const BUILD_INPUTS = [
  'electron',
  'backend',
  'scripts/build-web-host.mjs',
  'renderer',
  'shared',
  'db',
  'electron.vite.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];
const WEB_HOST_BUNDLE = 'out/web/main.mjs';
const BUILD_OUTPUTS = ['out/main/index.js', 'out/renderer/index.html', WEB_HOST_BUNDLE];

function newestMtime(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** The build in out/ is newer than every input: starting again needs no rebuild. */
function buildIsCurrent() {
  if (process.env.CONSOLE_REBUILD === '1') return false;
  const outputs = BUILD_OUTPUTS.map((p) => join(root, p));
  if (!outputs.every((p) => existsSync(p))) return false;
  const built = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  const inputs = BUILD_INPUTS.map((p) => join(root, p)).filter((p) => existsSync(p));
  return inputs.every((p) => newestMtime(p) < built);
}

// 1. Build main, preload and renderer (browser mode serves the same out/renderer) and the
// browser host, unless the build is current.
if (buildIsCurrent()) {
  if (process.env.DEBUG_START === '1') console.log('[start] the build is current; not rebuilding');
  onBuilt(0, null);
} else {
  const build = spawn(bin('electron-vite'), ['build'], {
    cwd: root,
    stdio: 'inherit',
    shell: isWindows,
  });
  child = build;
  build.on('error', (error) => {
    console.error(`Could not run electron-vite build: ${error.message}`);
    process.exit(1);
  });
  build.on('exit', (code, signal) => {
    if (code !== 0 || signal) return onBuilt(code, signal);
    // Loaded only when building: a start on a current build does not pay for esbuild.
    import('./build-web-host.mjs')
      .then(({ buildWebHost }) => buildWebHost())
      .then(
        () => onBuilt(0, null),
        (error) => {
          console.error(`Could not build the browser host: ${error.message}`);
          onBuilt(1, null);
        },
      );
  });
}

function onBuilt(code, signal) {
  if (forwardedSignal || signal || code !== 0) {
    if (!forwardedSignal) console.error('The build failed; not starting the console.');
    exitLike(code, signal);
  }
  // 2. Pick the shell.
  if (args.includes('--web') || process.env.CONSOLE_FORCE_BROWSER === '1') {
    console.log(
      'Browser mode requested (--web or CONSOLE_FORCE_BROWSER=1); starting the console in browser mode.',
    );
    startBrowserMode();
    return;
  }
  const electron = findElectron();
  if (!electron.path) {
    // One fixed line (scripts and docs look for it); the detail is there with DEBUG_START=1.
    if (process.env.DEBUG_START === '1') console.log(`[start] ${electron.reason}`);
    console.log(
      'Electron is not available on this machine (its binary cannot be downloaded here); starting the console in browser mode.',
    );
    startBrowserMode();
    return;
  }
  startElectron(electron.path);
}
