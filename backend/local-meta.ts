import type { ConsoleDb } from '../db/open';
import { prepared } from './prepared';
import { localMeta } from '../db/schema';

/** Device-local facts (never synced): this console's id and who is signed on to it. */
export type LocalMetaKey =
  | 'deviceId'
  | 'dispatcherName'
  /** Relay sync (backend/sync): relay URL, network name, derived network secret (hex), last seq. */
  | 'relayUrl'
  | 'relayNetwork'
  | 'relaySecret'
  | 'relayLastSeq'
  /** Shifts (issue 7): the open shift on this console, and whether the idle lock is on. */
  | 'shiftId'
  | 'consoleLocked'
  /** Set while the console holds the fictional demo network (backend/demo/demo-flag). */
  | 'demoData';

/** Read on every call (the lock) and every change (who is acting): a cached prepared statement. */
export function readMeta(db: ConsoleDb, key: LocalMetaKey): string | null {
  const row = prepared(db.$client, 'SELECT value FROM local_meta WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value ?? null;
}

export function writeMeta(db: ConsoleDb, key: LocalMetaKey, value: string): void {
  db.insert(localMeta)
    .values({ key, value })
    .onConflictDoUpdate({ target: localMeta.key, set: { value } })
    .run();
}
