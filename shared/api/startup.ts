import { z } from 'zod';

/**
 * The operations a console answers before its database is open (and after: they then report
 * `open`). Everything else in the contract answers `database_locked` until one of these opens it.
 * The passphrase never leaves the backend: it derives the database key and is dropped.
 */

/** What can be wrong with the files on disk; each kind has a sentence and an action in i18n. */
export const STORAGE_FAULT_KINDS = [
  /** The quick integrity check failed (a damaged disk, a bad copy). */
  'damaged',
  /** The file is not a console database (another program's file, or its key info is gone). */
  'foreign_file',
  /** The database is gone but this folder held one (its key info or backups are still here). */
  'missing_file',
  /** The database exists but has no bytes (a failed copy, a full disk while saving). */
  'empty_file',
  /** The folder or file cannot be written. */
  'read_only',
  /** The disk is full. */
  'disk_full',
  /** The write-ahead log was deleted while changes still lived only there. */
  'wal_missing',
  /** The files could not be read (permissions, a disk error). */
  'unreadable',
] as const;
export type StorageFaultKind = (typeof STORAGE_FAULT_KINDS)[number];

export const StorageFaultSchema = z.object({
  kind: z.enum(STORAGE_FAULT_KINDS),
  /** Filled into the message: `file` (the path) and, for some kinds, `detail`. */
  params: z.record(z.string(), z.string()),
});
export type StorageFault = z.output<typeof StorageFaultSchema>;

export const BackupInfoSchema = z.object({
  /** File name inside the data folder's backups/ (never a path the caller chooses). */
  name: z.string(),
  takenAt: z.string(),
  bytes: z.number().int(),
});
export type BackupInfo = z.output<typeof BackupInfoSchema>;

export const StartupStateSchema = z.discriminatedUnion('state', [
  /** No console here yet (or an unencrypted one that the first passphrase will encrypt). */
  z.object({ state: z.literal('first_run'), plaintextFound: z.boolean() }),
  z.object({ state: z.literal('needs_passphrase'), canRemember: z.boolean() }),
  z.object({ state: z.literal('open'), demo: z.boolean() }),
  z.object({
    state: z.literal('storage_fault'),
    fault: StorageFaultSchema,
    backups: z.array(BackupInfoSchema),
  }),
]);
export type StartupState = z.output<typeof StartupStateSchema>;

const Passphrase = z.string().max(1024);
const BackupName = z.string().regex(/^console-[0-9TZ-]+\.sqlite$/, 'Not a backup name');
const Empty = z.strictObject({});

export const startupContract = {
  getStartupState: {
    input: Empty,
    output: StartupStateSchema,
    doc: 'Whether the console database is open, needs its passphrase, is new, or has a storage fault.',
  },
  unlockDatabase: {
    input: z.strictObject({
      passphrase: Passphrase,
      /** Electron only: keep the passphrase in the OS keychain (safeStorage) for this account. */
      remember: z.boolean().default(false),
      /** Opens despite a `wal_missing` fault, accepting that the newest changes are lost. */
      acceptMissingWal: z.boolean().default(false),
    }),
    output: StartupStateSchema,
    doc: 'Opens the encrypted database with the console passphrase (a wrong one changes nothing).',
  },
  createDatabase: {
    input: z
      .strictObject({
        passphrase: z.string().min(10, 'Use at least 10 characters').max(1024),
        confirm: Passphrase,
      })
      .refine((v) => v.passphrase === v.confirm, {
        path: ['confirm'],
        message: 'The two passphrases differ',
        params: { kind: 'fieldError.passphrasesDiffer' },
      }),
    output: StartupStateSchema,
    doc: 'First run: sets the console passphrase and creates the encrypted database (an unencrypted one found here is encrypted without loss).',
  },
  restoreBackup: {
    input: z.strictObject({ name: BackupName, passphrase: Passphrase }),
    output: StartupStateSchema,
    doc: 'Replaces a damaged database with one of its encrypted backups (the damaged file is kept aside).',
  },
  removeDemoData: {
    input: Empty,
    output: z.object({ removed: z.boolean() }),
    doc: 'Deletes the fictional demo network from this console so it can join a real network.',
  },
} as const;
