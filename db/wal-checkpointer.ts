import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { databaseKeyOf } from './open';

/**
 * Moves WAL checkpoints off the thread that writes.
 *
 * SQLite in WAL mode copies the log back into the database file (and fsyncs) from inside whichever
 * COMMIT pushes the log past `wal_autocheckpoint` pages. During a catch-up of tens of thousands of
 * changes that is a third of the write cost, paid on the backend's only thread while dispatchers
 * wait. A checkpointer is a worker thread with its own connection that runs PASSIVE checkpoints
 * (which never block the writer or readers) a few times a second while there is log to copy.
 *
 * The writer's automatic checkpoint stays on with a higher threshold as a safety net: if the
 * worker dies or falls behind, SQLite still bounds the log by itself. `journal_size_limit` lets
 * the log file shrink back after a burst.
 *
 * The worker is plain JavaScript evaluated from a string, so neither the Electron bundle nor the
 * source runs (tsx, vitest) need a separate worker entry file; it loads the same SQLite driver
 * the main thread uses, by resolved path, and opens the file with the same key.
 */
export const WRITER_AUTOCHECKPOINT_PAGES = 16_384;
const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
const INTERVAL_MS = 150;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
if (workerData.keyPragma) {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(workerData.keyPragma);
}
db.pragma('busy_timeout = 50');
let failures = 0;
let lastCheckpointed = -1;
const timer = setInterval(() => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    failures = 0;
    // Only news wakes the main thread: an idle console's log stays where it was.
    if (result.checkpointed !== lastCheckpointed) {
      lastCheckpointed = result.checkpointed;
      parentPort.postMessage({ type: 'checkpoint', log: result.log, checkpointed: result.checkpointed });
    }
  } catch (error) {
    if (++failures === 20) parentPort.postMessage({ type: 'failing', message: String(error && error.message || error) });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointer {
  /** Frames in the log and frames copied back, as of the worker's last checkpoint. */
  readonly last: { log: number; checkpointed: number } | null;
  close(): Promise<void>;
}

const running = new WeakMap<Database.Database, WalCheckpointer | null>();

/**
 * The connection's checkpointer, started on first use: consoles that never write in bulk (and
 * the hundreds of short-lived backends in tests) never pay for a worker.
 */
export function ensureWalCheckpointer(sqlite: Database.Database): WalCheckpointer | null {
  if (!running.has(sqlite)) running.set(sqlite, startWalCheckpointer(sqlite));
  return running.get(sqlite) ?? null;
}

/** Stops the connection's checkpointer, if one runs; call before closing the connection. */
export function stopWalCheckpointer(sqlite: Database.Database): void {
  void running.get(sqlite)?.close();
  running.delete(sqlite);
}

function startWalCheckpointer(sqlite: Database.Database): WalCheckpointer | null {
  if (sqlite.memory || sqlite.readonly) return null;
  sqlite.pragma(`wal_autocheckpoint = ${WRITER_AUTOCHECKPOINT_PAGES}`);
  sqlite.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
  let last: WalCheckpointer['last'] = null;
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers'),
        file: sqlite.name,
        // The same key as the writer's connection (an encrypted file is unreadable without it).
        keyPragma: keyPragmaFor(sqlite),
        intervalMs: INTERVAL_MS,
      },
    });
  } catch (error) {
    restoreWriterCheckpoints(sqlite);
    console.warn(`WAL checkpoints stay on the writer: ${String((error as Error)?.message)}`);
    return null;
  }
  worker.unref();
  worker.on('message', (message: { type: string; log?: number; checkpointed?: number }) => {
    if (message.type === 'checkpoint')
      last = { log: message.log!, checkpointed: message.checkpointed! };
    if (message.type === 'failing') console.warn('WAL checkpointer keeps failing', message);
  });
  worker.on('error', (error) => {
    if (sqlite.open) restoreWriterCheckpoints(sqlite);
    console.warn(`WAL checkpointer stopped; the writer checkpoints again: ${error.message}`);
  });
  return {
    get last() {
      return last;
    },
    async close() {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('close');
      await exited;
    },
  };
}

function restoreWriterCheckpoints(sqlite: Database.Database): void {
  sqlite.pragma('wal_autocheckpoint = 1000');
}

function keyPragmaFor(sqlite: Database.Database): string | null {
  const key = databaseKeyOf(sqlite);
  return key ? `key = "x'${key.toString('hex')}'"` : null;
}
