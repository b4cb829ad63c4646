import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../test/e2e/console-harness';
import { DEMO_PASSPHRASE } from '../backend/demo/seed-demo';
import { latencyFigures, percentile, type BenchResult } from './bench-kit';

/**
 * `npm start` to an interactive console, as a dispatcher waits for it: from spawning the start
 * command (browser mode, a current build, an existing data folder unlocked with a passphrase
 * file) until it prints its address, and until Chromium shows the board with its incidents.
 * The first start of a fresh folder seeds the demo network; it is measured apart
 * (`startup.first_run`). Needs a current build (npm run build).
 */
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? '5');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const ADDRESS = /running at (http:\/\/\S+)/;

const round = (x: number) => Math.round(x * 10) / 10;

interface Started {
  proc: ChildProcess;
  url: string;
  addressMs: number;
}

function startConsole(dataDir: string, passphraseFile: string): Promise<Started> {
  const started = performance.now();
  const proc = spawn(
    process.execPath,
    [
      'scripts/start.mjs',
      '--web',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--passphrase-file',
      passphraseFile,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CONSOLE_REBUILD: '0' } },
  );
  return new Promise((ok, fail) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const found = ADDRESS.exec(output);
      if (found) ok({ proc, url: found[1]!, addressMs: performance.now() - started });
    };
    proc.stdout.on('data', read);
    proc.stderr.on('data', read);
    proc.on('exit', (code) =>
      fail(new Error(`npm start exited (${code}) before its address:\n${output}`)),
    );
  });
}

function stop(proc: ChildProcess): Promise<void> {
  return new Promise((ok) => {
    if (proc.exitCode !== null) return ok();
    proc.once('exit', () => ok());
    proc.kill('SIGTERM');
  });
}

/** The board is there and its incidents listed: the dispatcher can work. */
async function boardShown(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('incident-item').first().waitFor({ timeout: 60_000 });
}

export default async function startupBench(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'console-startup-'));
  const passphraseFile = join(dataDir, 'passphrase.txt');
  writeFileSync(passphraseFile, `${DEMO_PASSPHRASE}\n`, { mode: 0o600 });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const measure = async () => {
      const started = performance.now();
      const { proc, url, addressMs } = await startConsole(dataDir, passphraseFile);
      try {
        await boardShown(page, url);
        return { addressMs, boardMs: performance.now() - started };
      } finally {
        await page.goto('about:blank');
        await stop(proc);
      }
    };
    const first = await measure();
    const address: number[] = [];
    const board: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await measure();
      address.push(run.addressMs);
      board.push(run.boardMs);
    }
    return [
      latencyFigures('startup.interactive', board, {
        address_p50_ms: round(
          percentile(
            [...address].sort((a, b) => a - b),
            50,
          ),
        ),
        address_p95_ms: round(
          percentile(
            [...address].sort((a, b) => a - b),
            95,
          ),
        ),
      }),
      latencyFigures('startup.first_run', [first.boardMs], { address_ms: round(first.addressMs) }),
    ];
  } finally {
    await browser.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
