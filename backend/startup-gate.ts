import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { apiContract, isApiName } from '../shared/api/contract';
import { fail, ok, type ApiResult } from '../shared/api/result';
import { refusalResult } from './refusal';
import type { BackendEvent } from '../shared/api/events';
import type { StartupState, StorageFault } from '../shared/api/startup';
import { describeZodError } from '../shared/api/validation-errors';
import { backupDir, backupOpensWith, listBackups, restoreBackupFile } from '../db/backup';
import {
  databaseFileKind,
  deriveDatabaseKey,
  keyInfoPath,
  readKeyInfo,
  type KdfParams,
} from '../db/encryption';
import { WrongKeyError } from '../db/open';
import { recoverInterruptedConversion } from '../db/plaintext-conversion';
import { classifyStorageError, storageFault } from '../db/storage-faults';
import { createConsoleBackend, type ConsoleBackend } from './console-backend';
import type { BackendContext } from './context';
import { DB_FILE_NAME } from './data-dir';
import { databaseKey } from './database-unlock';
import { holdsDemoData } from './demo/demo-flag';
import { DEMO_PASSPHRASE, seedDemoNetwork } from './demo/seed-demo';
import type { SyncOptions } from './sync/controller';

/** Electron's safeStorage behind a small interface (absent in browser mode). */
export interface PassphraseMemory {
  available: boolean;
  load(): string | null;
  save(passphrase: string): void;
  forget(): void;
}

export interface StartupGateOptions {
  dataDir: string;
  migrationsFolder?: string;
  mode: 'electron' | 'browser';
  sync?: SyncOptions;
  kdf?: KdfParams;
  now?: () => number;
  memory?: PassphraseMemory;
  /** Runs once the database is open (Electron refreshes its CSP from the settings). */
  onOpen?: (backend: ConsoleBackend) => void | Promise<void>;
}

/** A ConsoleBackend whose database opens later, through the startup operations. */
export interface StartupGate extends ConsoleBackend {
  readonly backend: ConsoleBackend | null;
  /** Opens with a passphrase given outside the UI (a passphrase file, safeStorage). */
  unlock(passphrase: string): Promise<ApiResult<StartupState>>;
  /**
   * On a first run it can prove is first (no database, key info, backups or leftovers ever in the
   * folder), creates the fictional demo network under DEMO_PASSPHRASE. Returns whether it did.
   */
  seedDemoIfFirstRun(): Promise<boolean>;
}

const STARTUP_OPS = new Set([
  'getStartupState',
  'unlockDatabase',
  'createDatabase',
  'restoreBackup',
]);

/**
 * The console before its database is open. Electron main and the browser host start with this
 * object: it answers the startup operations (state, unlock, first-run set-up, restore) while the
 * encrypted database is closed, refuses every other operation with `database_locked`, and once
 * the database opens passes every call to the real backend.
 */
export function createStartupGate(options: StartupGateOptions): StartupGate {
  const now = options.now ?? Date.now;
  const dbFile = join(options.dataDir, DB_FILE_NAME);
  const listeners = new Set<(event: BackendEvent) => void>();
  let backend: ConsoleBackend | null = null;
  let fault: StorageFault | null = null;
  // One unlock at a time: two tabs pressing Enter together must not open two connections.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const faultState = (f: StorageFault): StartupState => ({
    state: 'storage_fault',
    fault: f,
    backups: listBackups(dbFile),
  });

  function inspect(): StartupState {
    if (backend) return { state: 'open', demo: holdsDemoData(backend.ctx.db) };
    if (fault) return faultState(fault);
    try {
      recoverInterruptedConversion(dbFile);
      if (existsSync(options.dataDir)) accessSync(options.dataDir, constants.R_OK | constants.W_OK);
      const kind = databaseFileKind(dbFile);
      let info;
      try {
        info = readKeyInfo(dbFile);
      } catch {
        return faultState(storageFault('foreign_file', keyInfoPath(dbFile)));
      }
      if (kind === 'missing') {
        const heldConsole = info !== null || listBackups(dbFile).length > 0;
        return heldConsole
          ? faultState(storageFault('missing_file', dbFile))
          : { state: 'first_run', plaintextFound: false };
      }
      if (kind === 'empty') return faultState(storageFault('empty_file', dbFile));
      if (!info) {
        return kind === 'plaintext'
          ? { state: 'first_run', plaintextFound: true }
          : faultState(storageFault('foreign_file', dbFile));
      }
      // A clean close removes both; a crash leaves both. Only the WAL gone means it was deleted.
      if (existsSync(`${dbFile}-shm`) && !existsSync(`${dbFile}-wal`))
        return faultState(storageFault('wal_missing', dbFile));
      return { state: 'needs_passphrase', canRemember: options.memory?.available ?? false };
    } catch (error) {
      return faultState(classifyStorageError(error, dbFile) ?? storageFault('unreadable', dbFile));
    }
  }

  async function open(key: Buffer): Promise<ApiResult<StartupState>> {
    try {
      const opened = createConsoleBackend({
        dbFile,
        databaseKey: key,
        migrationsFolder: options.migrationsFolder,
        mode: options.mode,
        sync: options.sync,
        now,
      });
      opened.subscribe((event) => {
        for (const listener of listeners) listener(event);
      });
      backend = opened;
      fault = null;
      await options.onOpen?.(opened);
      return opened.call('getStartupState', {});
    } catch (error) {
      return afterFailure(error);
    }
  }

  function afterFailure(error: unknown): ApiResult<StartupState> {
    if (error instanceof WrongKeyError)
      return refusalResult('wrong_passphrase', 'error.startup.wrongPassphrase');
    const found = classifyStorageError(error, dbFile);
    if (found) {
      fault = found;
      return ok(faultState(found));
    }
    console.error('The console database could not be opened', error);
    return refusalResult('internal', 'error.startup.openFailed');
  }

  async function unlock(
    passphrase: string,
    remember = false,
    acceptMissingWal = false,
  ): Promise<ApiResult<StartupState>> {
    const state = inspect();
    if (state.state === 'open' || state.state === 'first_run') return ok(state);
    if (
      state.state === 'storage_fault' &&
      !(acceptMissingWal && state.fault.kind === 'wal_missing')
    )
      return ok(state);
    try {
      const key = await databaseKey(dbFile, passphrase, { create: false });
      const result = await open(key);
      if (!result.ok && result.error.code === 'wrong_passphrase' && newestBackupOpensWith(key)) {
        // SQLCipher cannot tell a wrong key from a damaged first page; a backup can: the
        // passphrase is right, so the file is damaged.
        fault = storageFault('damaged', dbFile, 'first page');
        return ok(faultState(fault));
      }
      if (result.ok && result.value.state === 'open') {
        // Ticked: kept in the OS keychain. Typed without the tick: any earlier copy is dropped.
        if (remember) options.memory?.save(passphrase);
        else options.memory?.forget();
      }
      return result;
    } catch (error) {
      return afterFailure(error);
    }
  }

  function newestBackupOpensWith(key: Buffer): boolean {
    const newest = listBackups(dbFile)[0];
    return newest !== undefined && backupOpensWith(join(backupDir(dbFile), newest.name), key);
  }

  async function create(passphrase: string): Promise<ApiResult<StartupState>> {
    const state = inspect();
    if (state.state !== 'first_run')
      return refusalResult('refused', 'error.startup.alreadyCreated');
    try {
      return await open(await databaseKey(dbFile, passphrase, { create: true, kdf: options.kdf }));
    } catch (error) {
      return afterFailure(error);
    }
  }

  async function restore(name: string, passphrase: string): Promise<ApiResult<StartupState>> {
    if (backend) return ok(inspect());
    const file = join(backupDir(dbFile), name);
    if (!existsSync(file)) return refusalResult('not_found', 'error.startup.noBackup', { name });
    try {
      const info = readKeyInfo(dbFile);
      if (!info) return refusalResult('refused', 'error.startup.keyInfoMissing');
      // Backups are encrypted with the console's own key, so its key info derives theirs too.
      const key = await deriveDatabaseKey(passphrase, info);
      restoreBackupFile(dbFile, file, key, now());
      fault = null;
      return await open(key);
    } catch (error) {
      return afterFailure(error);
    }
  }

  async function callStartup(name: string, input: Record<string, unknown>) {
    switch (name) {
      case 'getStartupState':
        // Behind an unlock under way (a start with a passphrase file lets the page load while
        // the key is derived): the answer is the state it leaves, not "locked" for a moment.
        return serially(() => Promise.resolve(ok(inspect())));
      case 'unlockDatabase':
        return serially(() =>
          unlock(
            String(input.passphrase),
            Boolean(input.remember),
            Boolean(input.acceptMissingWal),
          ),
        );
      case 'createDatabase':
        return serially(() => create(String(input.passphrase)));
      default:
        return serially(() => restore(String(input.name), String(input.passphrase)));
    }
  }

  async function call(name: unknown, rawInput: unknown): Promise<ApiResult<unknown>> {
    if (backend) return backend.call(name, rawInput);
    if (!isApiName(name))
      return fail('unknown_operation', `Unknown operation: ${String(name).slice(0, 60)}`);
    if (!STARTUP_OPS.has(name)) return refusalResult('database_locked', 'error.startup.locked');
    const parsed = apiContract[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const { message, fieldErrors, fieldTexts } = describeZodError(parsed.error);
      return fail('invalid_input', message, fieldErrors, undefined, fieldTexts);
    }
    return callStartup(name, parsed.data as Record<string, unknown>);
  }

  function provablyFirstRun(): boolean {
    if (!existsSync(options.dataDir)) return true;
    const leftovers = readdirSync(options.dataDir).filter(
      (name) => name.startsWith('console') || name === 'backups',
    );
    return leftovers.length === 0;
  }

  return {
    call: call as ConsoleBackend['call'],
    get backend() {
      return backend;
    },
    get ctx(): BackendContext {
      if (!backend) throw new Error('The console database is not open yet');
      return backend.ctx;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    runMaintenance: () => backend?.runMaintenance(),
    unlock: (passphrase) => serially(() => unlock(passphrase)),
    async seedDemoIfFirstRun() {
      if (!provablyFirstRun()) return false;
      const result = await serially(() => create(DEMO_PASSPHRASE));
      if (!result.ok || !backend) return false;
      await seedDemoNetwork(backend);
      return true;
    },
    close() {
      backend?.close();
      backend = null;
      listeners.clear();
    },
  };
}
