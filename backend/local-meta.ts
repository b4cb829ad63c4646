import { eq } from 'drizzle-orm';
import type { ConsoleDb } from '../db/open';
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
  | 'consoleLocked';

export function readMeta(db: ConsoleDb, key: LocalMetaKey): string | null {
  return db.select().from(localMeta).where(eq(localMeta.key, key)).get()?.value ?? null;
}

export function writeMeta(db: ConsoleDb, key: LocalMetaKey, value: string): void {
  db.insert(localMeta)
    .values({ key, value })
    .onConflictDoUpdate({ target: localMeta.key, set: { value } })
    .run();
}
