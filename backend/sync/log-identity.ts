import type Database from 'better-sqlite3';
import type { ConsoleDb } from '../../db/open';
import { prepared } from '../prepared';
import { readMeta, writeMeta } from '../local-meta';
import type { NetworkKeys } from '../../shared/sync/crypto';
import { openOps } from './inbound';

/**
 * The relay's log identity as a console sees it. A console remembers the `logId` of the log it
 * has applied and how far (`relayLastSeq`); each welcome is compared with both:
 * - another id (or an id where none was remembered although the console has a position): a new
 *   or wiped log;
 * - the same id with a head below the position: a log restored from an older copy;
 * - the same id, a head at or past the position, but the blob at the position is not one this
 *   console applied: a restored log that others have already filled up again.
 * In each case the console resyncs: every own op is marked unsent, the log is re-read from seq 0
 * (applying is idempotent by op id, and each own op found in the log gets its seq back), and
 * what is still unsent afterwards is exactly what the relay lost, so it is pushed again.
 */
export type LogVerdict = 'same' | 'new_log' | 'restored';

export function judgeLog(
  remembered: { logId: string | null; lastSeq: number },
  welcome: { logId?: string | undefined; headSeq: number },
): LogVerdict {
  if (welcome.logId !== undefined && welcome.logId !== remembered.logId) {
    // A console that never saw an id and has applied nothing has nothing to compare.
    if (remembered.logId !== null || remembered.lastSeq > 0) return 'new_log';
  }
  return welcome.headSeq < remembered.lastSeq ? 'restored' : 'same';
}

export function rememberedLogId(db: ConsoleDb): string | null {
  return readMeta(db, 'relayLogId');
}

/**
 * Starts a resync in one transaction: own ops unsent, position 0, the new log id remembered.
 * `resetPosition` moves the inbound side's position (inside the same transaction). Returns how
 * many own ops are now waiting to be confirmed or re-sent.
 */
export function startResync(
  db: ConsoleDb,
  logId: string | undefined,
  resetPosition: () => void,
): number {
  const sqlite = db.$client;
  return sqlite
    .transaction(() => {
      const marked = prepared(
        sqlite,
        "UPDATE op_log SET relay_seq = NULL WHERE origin = 'local' AND relay_seq IS NOT NULL",
      ).run().changes;
      resetPosition();
      if (logId !== undefined) writeMeta(db, 'relayLogId', logId);
      return marked;
    })
    .immediate();
}

/**
 * Whether the blob the relay now holds at `seq` is one this console applied there: some op of it
 * is in the op log (or waiting in the inbox) under that seq. A blob this console cannot open is
 * given the benefit of the doubt (a tampered blob is reported by the inbound side).
 */
export function blobMatchesPosition(
  sqlite: Database.Database,
  keys: NetworkKeys,
  seq: number,
  blob: string,
): boolean {
  let opIds: string[];
  try {
    opIds = openOps(keys, blob).flatMap((entry) => ('op' in entry ? [entry.op.opId] : []));
  } catch {
    return true;
  }
  if (opIds.length === 0) return true;
  const inLog = prepared(sqlite, 'SELECT relay_seq FROM op_log WHERE op_id = ?');
  const inInbox = prepared(sqlite, 'SELECT relay_seq FROM sync_inbox WHERE op_id = ?');
  return opIds.some((id) => {
    const row = (inLog.get(id) ?? inInbox.get(id)) as { relay_seq: number | null } | undefined;
    return row?.relay_seq === seq;
  });
}
