import type { StorageFault, StorageFaultKind } from '../shared/api/startup';

/**
 * A storage problem found while opening or writing the console database. It carries a
 * `{kind, params}` the unlock screen and the error banner translate; never a stack trace.
 */
export class StorageFaultError extends Error {
  constructor(readonly fault: StorageFault) {
    super(`Storage fault: ${fault.kind} (${fault.params.file ?? ''})`);
  }
}

export function storageFault(kind: StorageFaultKind, file: string, detail?: string): StorageFault {
  return { kind, params: detail ? { file, detail } : { file } };
}

const BY_SQLITE_CODE: Record<string, StorageFaultKind> = {
  SQLITE_FULL: 'disk_full',
  SQLITE_READONLY: 'read_only',
  SQLITE_READONLY_DIRECTORY: 'read_only',
  SQLITE_READONLY_DBMOVED: 'read_only',
  SQLITE_READONLY_CANTINIT: 'read_only',
  SQLITE_READONLY_CANTLOCK: 'read_only',
  SQLITE_READONLY_RECOVERY: 'read_only',
  SQLITE_CORRUPT: 'damaged',
  SQLITE_CORRUPT_INDEX: 'damaged',
  SQLITE_CORRUPT_SEQUENCE: 'damaged',
  SQLITE_CORRUPT_VTAB: 'damaged',
  SQLITE_CANTOPEN: 'unreadable',
  SQLITE_PERM: 'read_only',
  SQLITE_IOERR: 'unreadable',
};
const BY_ERRNO: Record<string, StorageFaultKind> = {
  ENOSPC: 'disk_full',
  EDQUOT: 'disk_full',
  EROFS: 'read_only',
  EACCES: 'read_only',
  EPERM: 'read_only',
  EIO: 'unreadable',
};

/** The fault an error from SQLite or the file system stands for, or null for any other error. */
export function classifyStorageError(error: unknown, file: string): StorageFault | null {
  if (error instanceof StorageFaultError) return error.fault;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const kind =
    BY_SQLITE_CODE[code] ??
    (code.startsWith('SQLITE_IOERR') ? 'unreadable' : undefined) ??
    (code.startsWith('SQLITE_READONLY') ? 'read_only' : undefined) ??
    BY_ERRNO[code];
  return kind ? storageFault(kind, file) : null;
}
