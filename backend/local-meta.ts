import { eq } from 'drizzle-orm';
import type { ConsoleDb } from '../db/open';
import { prepared } from './prepared';
import { localMeta } from '../db/schema';
import type { ChangeFeed, EntityRef } from './change-feed';

/** Device-local facts (never synced): this console's id and who is signed on to it. */
export type LocalMetaKey =
  | 'deviceId'
  | 'dispatcherName'
  /** Relay sync (backend/sync): relay URL, network name, derived network secret (hex), last seq. */
  | 'relayUrl'
  | 'relayNetwork'
  | 'relaySecret'
  | 'relayLastSeq'
  /** The id of the relay log this console has applied (backend/sync/log-identity.ts). */
  | 'relayLogId'
  /** A one-time invite code to present until the relay has welcomed this network once. */
  | 'relayInvite'
  | 'relayEpoch'
  /** Shifts: the open shift on this console, and whether the idle lock is on. */
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

/** The facts the open consoles show (who is on shift, whether the console is locked). */
export type SessionMetaKey = 'dispatcherName' | 'shiftId' | 'consoleLocked';

/** Written only through writeSessionMeta/clearSessionMeta, which announce the change. */
export function writeMeta(
  db: ConsoleDb,
  key: Exclude<LocalMetaKey, SessionMetaKey>,
  value: string,
): void {
  putMeta(db, key, value);
}

interface SessionContext {
  db: ConsoleDb;
  changes: ChangeFeed;
}

export function writeSessionMeta(ctx: SessionContext, key: SessionMetaKey, value: string): void {
  putMeta(ctx.db, key, value);
  ctx.changes.record([sessionRef(ctx.db, key)], 'local');
}

export function clearSessionMeta(ctx: SessionContext, key: SessionMetaKey): void {
  ctx.db.delete(localMeta).where(eq(localMeta.key, key)).run();
  ctx.changes.record([sessionRef(ctx.db, key)], 'local');
}

/** The dispatcher's name is part of the session; the shift and the lock are the shift panel's. */
function sessionRef(db: ConsoleDb, key: SessionMetaKey): EntityRef {
  if (key === 'dispatcherName') return { entity: 'setting', id: 'session' };
  return { entity: 'shift', id: readMeta(db, 'shiftId') || 'session' };
}

function putMeta(db: ConsoleDb, key: LocalMetaKey, value: string): void {
  db.insert(localMeta)
    .values({ key, value })
    .onConflictDoUpdate({ target: localMeta.key, set: { value } })
    .run();
}
