import { desc } from 'drizzle-orm';
import { openConsoleDb, type ConsoleDb } from '../db/open';
import { stopWalCheckpointer } from '../db/wal-checkpointer';
import { opLog } from '../db/schema';
import { HybridLogicalClock } from '../shared/clock/hlc';
import { uuidv7 } from '../shared/ids';
import {
  apiContract,
  isApiName,
  type ApiInput,
  type ApiName,
  type ApiOutput,
  type RelayState,
} from '../shared/api/contract';
import { ApiFailure, fail, ok, type ApiResult } from '../shared/api/result';
import type { BackendEvent } from '../shared/api/events';
import { describeZodError } from '../shared/api/validation-errors';
import type { BackendContext } from './context';
import { ChangeFeed } from './change-feed';
import { handlers } from './handlers';
import { readMeta, writeMeta } from './local-meta';
import { DEFAULT_DISPATCHER } from './session/handlers';
import { runRetention } from './incidents/retention';
import { startRosterIndex } from './matching/roster-cache';
import { runOnce } from './idempotency';
import { isIdempotentOperation } from '../shared/api/idempotency';
import { SyncController, type SyncOptions } from './sync/controller';
import { PRODUCTION_PIN_HASH_COST, type PinHashCost } from './shifts/pin-hash';
import type { ConsolePassphraseCheck } from './shifts/console-passphrase-check';
import { deriveDatabaseKey, readKeyInfo, type KdfParams } from '../db/encryption';
import { timingSafeEqual } from 'node:crypto';
import { takeBackup } from '../db/backup';
import { classifyStorageError } from '../db/storage-faults';
import { databaseKeySync } from './database-unlock';
import { holdsDemoData } from './demo/demo-flag';
import { describeStorageFault } from './storage-fault-text';
import { refusalResult } from './refusal';

export interface ConsoleBackendOptions {
  /** SQLite file (created if missing), or ':memory:'. */
  dbFile: string;
  migrationsFolder?: string;
  mode?: 'electron' | 'browser';
  /** Injected wall clock, for tests. */
  now?: () => number;
  /** Relay sync (backend/sync); starts by itself when a network is configured. */
  sync?: SyncOptions;
  /**
   * TESTS ONLY: cheaper PIN hash parameters so suites that sign on often stay fast. Only code can
   * pass it (no environment variable or flag reaches it); the app never sets it.
   */
  pinHashCostForTests?: PinHashCost;
  /** Verifies the console passphrase for a takeover of a locked console. */
  consolePassphrase?: ConsolePassphraseCheck;
  /**
   * The raw database key (the startup gate derives it off the event loop). A file database needs
   * this or `passphrase`; ':memory:' needs neither.
   */
  databaseKey?: Buffer;
  /** The console passphrase: the key is derived here (a new console is set up with it). */
  passphrase?: string;
  /** KDF cost when a new console is set up; tests lower it. */
  kdf?: KdfParams;
  /** Encrypted snapshots in backups/ hourly and at sign-off (default on for file databases). */
  backups?: boolean;
}

export interface ConsoleBackend {
  /** Validates `rawInput` against the contract and runs the named operation. Never throws. */
  call<N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiResult<ApiOutput<N>>>;
  call(name: unknown, rawInput: unknown): Promise<ApiResult<unknown>>;
  subscribe(listener: (event: BackendEvent) => void): () => void;
  readonly ctx: BackendContext;
  /** Periodic duties (caller-data retention); runs every minute and on demand in tests. */
  runMaintenance(): void;
  close(): void;
}

const ALLOWED_WHILE_LOCKED: ReadonlySet<string> = new Set([
  'getSession',
  'getShiftState',
  'getSyncStatus',
  'lockConsole',
  'unlockConsole',
  'signOn',
]);

const BACKUP_INTERVAL_MS = 60 * 60_000;

const LOCAL_ONLY: RelayState = { state: 'local_only', pendingChanges: 0, peers: [] };

/**
 * The console's backend, free of Electron: the same object serves the Electron main process
 * (over IPC) and browser mode (over a WebSocket), and integration tests call it directly.
 */
export function createConsoleBackend(options: ConsoleBackendOptions): ConsoleBackend {
  const now = options.now ?? Date.now;
  const onDisk = options.dbFile !== ':memory:';
  const key =
    options.databaseKey ??
    (options.passphrase !== undefined
      ? databaseKeySync(options.dbFile, options.passphrase, { create: true, kdf: options.kdf })
      : undefined);
  if (onDisk && !key)
    throw new Error('The console database is encrypted: give the console passphrase.');
  const db: ConsoleDb = openConsoleDb(options.dbFile, options.migrationsFolder, { key });
  let deviceId = readMeta(db, 'deviceId');
  if (!deviceId) {
    deviceId = uuidv7(now());
    writeMeta(db, 'deviceId', deviceId);
  }
  // The clock resumes after the newest op it knows, so restarts never reissue a timestamp.
  const lastHlc = db
    .select({ hlc: opLog.hlc })
    .from(opLog)
    .orderBy(desc(opLog.hlc))
    .limit(1)
    .get()?.hlc;
  const clock = new HybridLogicalClock(deviceId, now, undefined, lastHlc);
  const listeners = new Set<(event: BackendEvent) => void>();
  let relayState: RelayState = LOCAL_ONLY;

  // A takeover of a locked console proves the console passphrase: it must derive this file's key.
  const passphraseCheck: ConsolePassphraseCheck | undefined =
    options.consolePassphrase ??
    (onDisk && key
      ? {
          async verify(passphrase) {
            const info = readKeyInfo(options.dbFile);
            if (!info) return false;
            const derived = await deriveDatabaseKey(passphrase, info);
            return derived.length === key.length && timingSafeEqual(derived, key);
          },
        }
      : undefined);

  const ctx: BackendContext = {
    db,
    clock,
    deviceId,
    mode: options.mode ?? 'browser',
    now,
    actor: () => readMeta(db, 'dispatcherName') ?? DEFAULT_DISPATCHER,
    emit: (event) => {
      if (event.type === 'relay') relayState = event.relay;
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          console.error('event listener failed', error);
        }
      }
    },
    relayState: () => relayState,
    changes: new ChangeFeed((event) => ctx.emit(event)),
    pinHashCost: options.pinHashCostForTests ?? PRODUCTION_PIN_HASH_COST,
    consolePassphrase: passphraseCheck,
  };

  async function call(name: unknown, rawInput: unknown): Promise<ApiResult<unknown>> {
    if (!isApiName(name))
      return fail(
        'unknown_operation',
        `Unknown operation: ${typeof name === 'string' ? name.slice(0, 60) : typeof name}`,
      );
    // A locked console (idle lock, visitors in the room) answers nothing but what unlocking needs,
    // whatever the renderer shows: the lock is enforced here, not only by hiding the screen.
    if (readMeta(db, 'consoleLocked') === '1' && !ALLOWED_WHILE_LOCKED.has(name)) {
      return refusalResult('unauthorized', 'error.consoleLocked');
    }
    if (name === 'joinNetwork' && holdsDemoData(db))
      return refusalResult('refused', 'error.sync.demoJoin');
    const parsed = apiContract[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const { message, fieldErrors, fieldTexts } = describeZodError(parsed.error);
      return fail('invalid_input', message, fieldErrors, undefined, fieldTexts);
    }
    try {
      const handler = handlers[name] as (c: BackendContext, input: unknown) => unknown;
      const input = parsed.data as { idempotencyKey?: unknown };
      const value = await ctx.changes.batch(() => {
        if (!isIdempotentOperation(name) || typeof input.idempotencyKey !== 'string')
          return handler(ctx, input);
        // A retry of a create whose reply was lost: applied once (backend/idempotency.ts).
        const { idempotencyKey, ...rest } = input;
        return runOnce(db.$client, name, idempotencyKey, now(), () => handler(ctx, rest));
      });
      if (name === 'endShift') backUp();
      return ok(value);
    } catch (error) {
      if (error instanceof ApiFailure)
        return fail(error.code, error.message, error.fieldErrors, error.text);
      const fault = classifyStorageError(error, options.dbFile);
      if (fault) {
        console.error(`operation ${name} hit a storage fault: ${fault.kind}`);
        return {
          ok: false,
          error: { code: 'storage_fault', message: describeStorageFault(fault), fault },
        };
      }
      console.error(`operation ${name} failed`, error);
      return refusalResult('internal', 'error.code.internal');
    }
  }

  const runMaintenance = () => {
    try {
      runRetention(ctx);
    } catch (error) {
      console.error('retention run failed', error);
    }
  };
  runMaintenance();
  // Matching's roster index loads in the background, in slices between calls.
  startRosterIndex(ctx);
  const sync = new SyncController(ctx, options.sync);
  listeners.add((event) => sync.onEvent(event));
  sync.startIfConfigured();
  const maintenanceTimer = setInterval(runMaintenance, 60_000);
  maintenanceTimer.unref();
  const backupsOn = onDisk && Boolean(key) && options.backups !== false;
  function backUp(): void {
    if (!backupsOn) return;
    try {
      takeBackup(db.$client, options.dbFile, now());
    } catch (error) {
      console.error('backup failed', classifyStorageError(error, options.dbFile) ?? error);
    }
  }
  const backupTimer = setInterval(backUp, BACKUP_INTERVAL_MS);
  backupTimer.unref();

  return {
    call: call as ConsoleBackend['call'],
    runMaintenance,
    ctx,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      clearInterval(maintenanceTimer);
      clearInterval(backupTimer);
      sync.stop();
      listeners.clear();
      stopWalCheckpointer(db.$client);
      db.$client.close();
    },
  };
}
